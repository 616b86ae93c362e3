//! The platform-bankruptcy drill's report adds up: every movement of the
//! guarantee fund is reported, phase by phase, so that the opening balance
//! plus the movements is the closing balance the journal holds, to the cent,
//! and coverage is defined where it is reported.

use crate::common::{start, Db, TestNode};
use crate::on_both_databases;
use partage_core::{Currency, Money};
use rust_decimal::Decimal;
use serde_json::Value;

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap_or_else(|| panic!("not an amount: {v}")).parse().unwrap()
}

async fn the_bankruptcy_drill_reports_every_movement_of_the_fund_and_they_add_up(db: Db) {
    let t = start(db).await;
    let node = t.open_node().await;
    let reserve = Money::from_minor(300_000, Currency::EUR);
    let report = partage::drill::platform_bankruptcy(&node, 12, 3, reserve).await.unwrap();
    let r = serde_json::to_value(&report).unwrap();
    assert_eq!((r["couriers"].as_u64(), r["paid"].as_u64()), (Some(12), Some(12)));
    let phases = r["fund"].as_array().unwrap();
    assert_eq!(phases.len(), 2, "{r:#}");
    for p in phases {
        let sum: Decimal = p["movements"].as_array().unwrap().iter().map(|m| dec(&m["amount"])).sum();
        assert_eq!(dec(&p["opening"]) + sum, dec(&p["closing"]), "opening + movements = closing: {p:#}");
        assert_eq!(
            dec(&p["open_advances_opening"]) + dec(&p["advances_paid"])
                - dec(&p["recoveries"])
                - dec(&p["losses_borne"]),
            dec(&p["open_advances_closing"]),
            "{p:#}"
        );
    }
    let (paid, bankruptcy) = (&phases[0], &phases[1]);
    let line = |p: &Value, what: &str| -> Value {
        p["movements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["movement"].as_str().unwrap().starts_with(what))
            .cloned()
            .unwrap_or_else(|| panic!("{what}: {p:#}"))
    };
    // From a fresh node: the reserve, then 25 % of the 6.5 % fee of each of the 15 invoices.
    assert_eq!(dec(&paid["opening"]), Decimal::ZERO);
    assert_eq!(dec(&line(paid, "reserve")["amount"]), "3000.00".parse().unwrap());
    let credited = line(paid, "fee shares credited");
    assert_eq!(credited["entries"], 15);
    // 12 × (150.00 × 6.5 % × 25 % = 2.44) + 3 × (400.00 × 6.5 % × 25 % = 6.50).
    assert_eq!(dec(&credited["amount"]), "48.78".parse().unwrap());
    assert_eq!(dec(&paid["closing"]), dec(&r["fund_before"]));
    // The bankruptcy: the fee shares of the 12 unpaid invoices reversed, and the advances lost.
    assert_eq!(bankruptcy["opening"], paid["closing"]);
    let reversed = line(bankruptcy, "fee shares reversed");
    assert_eq!((reversed["entries"].as_u64(), dec(&reversed["amount"])), (Some(12), "-29.28".parse().unwrap()));
    assert_eq!(dec(&line(bankruptcy, "advances lost")["amount"]), -dec(&r["fund_loss"]));
    assert_eq!(dec(&bankruptcy["losses_borne"]), dec(&r["fund_loss"]));
    assert_eq!(
        dec(&r["fund_before"]) - dec(&r["fund_after"]),
        dec(&r["fund_loss"]) + "29.28".parse::<Decimal>().unwrap()
    );
    // The closing balance is the journal's: the trial balance's fund account (a credit) and the fund's own view.
    let tb = t.balanced().await;
    assert_eq!(-dec(&TestNode::account(&tb, "guarantee_fund")["balance"]), dec(&bankruptcy["closing"]));
    let fund = t.get("/guarantee-fund").await.ok(200).clone();
    assert_eq!(fund["balance"], bankruptcy["closing"]);
    assert_eq!(fund["open_advances"], bankruptcy["open_advances_closing"]);
    // Coverage is defined, and the figure reported is that definition's.
    assert!(r["coverage_definition"].as_str().unwrap().contains("balance / its open advances"), "{r:#}");
    assert_eq!(fund["coverage_ratio"], r["coverage_after"]);
    let ratio = (dec(&fund["balance"]) / dec(&fund["open_advances"])).round_dp(4);
    assert_eq!(dec(&r["coverage_after"]), ratio);
    assert_eq!(r["journal_balanced"], true);
    let text = report.to_string();
    assert!(text.contains("advances lost (losses borne)") && text.contains("coverage ="), "{text}");
}

on_both_databases!(the_bankruptcy_drill_reports_every_movement_of_the_fund_and_they_add_up);
