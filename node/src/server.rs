//! Serving the HTTP application until Ctrl-C or SIGTERM.

use crate::service::Node;
use anyhow::Context;
use std::future::Future;
use std::pin::Pin;
use tokio::net::TcpListener;

/// A future that resolves when the process is asked to stop.
pub type Stop = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Serves on the configured address (or on `listener`) until a shutdown signal.
pub async fn serve(node: Node, listener: Option<TcpListener>) -> anyhow::Result<()> {
    serve_until(node, listener, stop_signal()).await
}

/// Serves on the configured address (or on `listener`) until `stop` resolves.
pub async fn serve_until(node: Node, listener: Option<TcpListener>, stop: Stop) -> anyhow::Result<()> {
    let listener = match listener {
        Some(l) => l,
        None => {
            TcpListener::bind(&node.settings.bind).await.with_context(|| format!("binding {}", node.settings.bind))?
        }
    };
    tracing::info!(address = %listener.local_addr()?, "serving the API");
    crate::http::idempotency::spawn_purge(node.clone());
    spawn_roll_ups(node.store.clone());
    crate::relay::spawn_prune(node.clone());
    crate::service::expense_receipts::spawn_delete_expired(node.clone());
    // Jobs a crash or a stop left unfinished resume where their last committed chunk ended.
    let resumed = node.jobs.resume(&node).await?;
    if resumed > 0 {
        tracing::info!(jobs = resumed, "resuming jobs");
    }
    let relay = crate::relay::start(&node).await?;
    let jobs = node.jobs.clone();
    let app = crate::http::router(node);
    // Jobs are asked to stop as soon as the signal comes, not once the last
    // connection has closed: a long payroll run would otherwise go on meanwhile.
    let stopping = jobs.clone();
    let stop = async move {
        stop.await;
        stopping.stop();
    };
    axum::serve(listener, app).with_graceful_shutdown(stop).await?;
    // A running job ends at its next chunk boundary and is queued for the next start.
    jobs.shutdown().await;
    if let Some(relay) = relay {
        relay.stop().await;
    }
    Ok(())
}

/// One task folds the rows writers append instead of updating a shared one, each kind in
/// chunks of its own transaction, until fewer than a chunk are left:
/// - the totals' (`totals::roll_up`) every tenth of a second, on PostgreSQL only (SQLite
///   appends none): a locked read adds its activity's rows not folded yet, so few must wait;
/// - the accounts' (`ledger::roll_up`) every 2 s, so that what a trial balance adds beside
///   the totals stays a few seconds of postings, in chunks of 500: on SQLite a fold holds
///   the write lock, and 10,000 rows at once held it long enough to show in the requests'
///   p99 (59 ms against 9 ms without the fold, 4 clients, 2026-12-06);
/// - on PostgreSQL, every 2 s after a fold, a vacuum of the appended rows' tables. A deleted
///   row stays in its table and index until a vacuum, and autovacuum looks at a database
///   once a minute: meanwhile every reader of an activity's totals walked past the minute's
///   folded rows of that activity (36,000 of them at 1,500 requests/s), and the invoice
///   cycle lost 10-18 % over four 8-second runs (2026-12-07).
fn spawn_roll_ups(store: crate::storage::Store) {
    const EVERY: std::time::Duration = std::time::Duration::from_millis(100);
    const ACCOUNTS_EVERY: u32 = 20;
    let postgres = store.backend() == sea_orm::DbBackend::Postgres;
    tokio::spawn(async move {
        let mut every = tokio::time::interval(EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut tick = 0u32;
        let mut folded = false;
        loop {
            every.tick().await;
            if postgres {
                folded |= fold(&store, Folded::Totals).await;
            }
            if tick == 0 {
                folded |= fold(&store, Folded::Accounts).await;
                if postgres && folded {
                    vacuum_folded(&store).await;
                    folded = false;
                }
            }
            tick = (tick + 1) % ACCOUNTS_EVERY;
        }
    });
}

/// Vacuums the tables of appended rows on PostgreSQL, passing over one another vacuum holds
/// (autovacuum's): the next tick's will do. Logged, never fatal.
async fn vacuum_folded(store: &crate::storage::Store) {
    use sea_orm::ConnectionTrait;
    let vacuum = "VACUUM (SKIP_LOCKED) activity_total_deltas, fund_total_deltas, account_deltas";
    if let Err(e) = store.db().execute_unprepared(vacuum).await {
        tracing::warn!(error = %e, "the folded rows' tables were not vacuumed; next try in 2 s");
    }
}

/// What a roll-up folds.
#[derive(Clone, Copy)]
enum Folded {
    Totals,
    Accounts,
}

/// Runs one roll-up in chunks until a chunk comes back short; an error is logged and left
/// to the next tick. Whether it folded any row.
async fn fold(store: &crate::storage::Store, what: Folded) -> bool {
    use crate::service::{ledger, totals};
    let (name, chunk) = match what {
        Folded::Totals => ("totals' deltas", 2_000),
        Folded::Accounts => ("account deltas", 500),
    };
    let mut any = false;
    loop {
        let folded = match what {
            Folded::Totals => totals::roll_up(store, chunk).await,
            Folded::Accounts => ledger::roll_up(store, chunk).await,
        };
        match folded {
            Ok(n) => {
                any |= n > 0;
                if (n as u64) < chunk {
                    return any;
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "{name} not folded; next try at the next tick");
                return any;
            }
        }
    }
}

/// Ctrl-C or SIGTERM. The handlers are installed when this is called, not when the
/// future is first polled, so a signal that comes in between is not lost (the demo
/// listens while it builds, then hands the same future to the server).
pub fn stop_signal() -> Stop {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        Box::pin(async move {
            match (interrupt, terminate) {
                (Ok(mut interrupt), Ok(mut terminate)) => {
                    tokio::select! { _ = interrupt.recv() => {}, _ = terminate.recv() => {} }
                }
                _ => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
            tracing::info!("shutting down");
        })
    }
    #[cfg(not(unix))]
    {
        Box::pin(async {
            let _ = tokio::signal::ctrl_c().await;
            tracing::info!("shutting down");
        })
    }
}
