//! Serving the HTTP application until Ctrl-C or SIGTERM.

use crate::service::Node;
use anyhow::Context;
use tokio::net::TcpListener;

/// Serves on the configured address (or on `listener`) until a shutdown signal.
pub async fn serve(node: Node, listener: Option<TcpListener>) -> anyhow::Result<()> {
    let listener = match listener {
        Some(l) => l,
        None => {
            TcpListener::bind(&node.settings.bind).await.with_context(|| format!("binding {}", node.settings.bind))?
        }
    };
    tracing::info!(address = %listener.local_addr()?, "serving the API");
    // Runs a crash or a stop left unfinished resume where their last committed chunk ended.
    for run in crate::service::payroll::unfinished(node.store.db()).await? {
        tracing::info!(%run, "resuming payroll run");
        crate::http::wages::spawn_run(node.clone(), run);
    }
    let app = crate::http::router(node);
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
