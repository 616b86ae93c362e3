//! Signed order forms the guarantee fund advances on: where one stands and the one
//! transition it allows (its invoice closes it).

use std::fmt;
use std::str::FromStr;

/// Where an order form stands, stored and sent by its stable name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrderFormStatus {
    /// Signed and advanced on; its invoice is still to come.
    Open,
    /// Closed by its issued invoice: the invoice's budget stands where the advance stood.
    Invoiced,
}

impl OrderFormStatus {
    /// Every status, in the order the API lists them.
    pub const ALL: [OrderFormStatus; 2] = [OrderFormStatus::Open, OrderFormStatus::Invoiced];

    /// The stable name used in storage and the API.
    pub const fn as_str(self) -> &'static str {
        match self {
            OrderFormStatus::Open => "open",
            OrderFormStatus::Invoiced => "invoiced",
        }
    }

    /// The status once its invoice is issued: only an open order form is closed, once.
    pub fn invoice(self) -> Result<OrderFormStatus, OrderFormError> {
        match self {
            OrderFormStatus::Open => Ok(OrderFormStatus::Invoiced),
            other => Err(OrderFormError::NotOpen(other)),
        }
    }
}

impl fmt::Display for OrderFormStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OrderFormStatus {
    type Err = OrderFormError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OrderFormStatus::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| OrderFormError::UnknownStatus(s.into()))
    }
}

/// Why an order form's status is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OrderFormError {
    /// A name that is no order form status.
    #[error("'{0}' is not an order form status")]
    UnknownStatus(String),
    /// Only an open order form is closed by an invoice.
    #[error("the order form is {0}: only an open one can be invoiced")]
    NotOpen(OrderFormStatus),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_order_form_status_reads_back_its_stored_name() {
        for status in OrderFormStatus::ALL {
            assert_eq!(status.as_str().parse::<OrderFormStatus>(), Ok(status));
        }
        assert_eq!(OrderFormStatus::Open.as_str(), "open");
        assert_eq!(OrderFormStatus::Invoiced.as_str(), "invoiced");
    }

    #[test]
    fn an_unknown_order_form_status_is_refused() {
        assert_eq!("closed".parse::<OrderFormStatus>(), Err(OrderFormError::UnknownStatus("closed".into())));
        assert_eq!("Open".parse::<OrderFormStatus>(), Err(OrderFormError::UnknownStatus("Open".into())));
    }

    #[test]
    fn an_open_order_form_is_invoiced_once_and_never_again() {
        let closed = OrderFormStatus::Open.invoice();
        assert_eq!(closed, Ok(OrderFormStatus::Invoiced));
        assert_eq!(OrderFormStatus::Invoiced.invoice(), Err(OrderFormError::NotOpen(OrderFormStatus::Invoiced)));
    }
}
