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
    crate::service::ledger::spawn_roll_up(node.store.clone());
    crate::service::totals::spawn_roll_up(node.store.clone());
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
