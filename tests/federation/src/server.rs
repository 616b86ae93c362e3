//! A `nats-server` process of the test federation.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::process::{Child, Command};

/// The nats-server 2.15.1 binary (`partage_federation::topology::nats_server_bin`).
pub fn nats_server_bin() -> PathBuf {
    partage_federation::topology::nats_server_bin().unwrap_or_else(|why| panic!("{why}"))
}

/// A free TCP port on 127.0.0.1 below the ephemeral range
/// (`partage_federation::topology::free_port`); `Federation::start` retries when another
/// test took it all the same.
pub fn free_port() -> u16 {
    partage_federation::topology::free_port().unwrap_or_else(|e| panic!("no free port on 127.0.0.1: {e}"))
}

/// A running (or stopped) nats-server.
pub struct Server {
    child: Option<Child>,
    conf: PathBuf,
    log: PathBuf,
    port: u16,
    user: String,
    password: String,
}

impl Server {
    /// Starts `conf` and waits until a client can log in and JetStream answers.
    pub async fn start(conf: &Path, port: u16, user: &str, password: &str, dir: &Path) -> Server {
        Server::try_start(conf, port, user, password, dir).await.unwrap_or_else(|why| panic!("{why}"))
    }

    /// As `start`, but a server that exits before it accepts clients (its port taken, say) is
    /// an error carrying its log, so that the caller can try other ports.
    pub async fn try_start(conf: &Path, port: u16, user: &str, password: &str, dir: &Path) -> Result<Server, String> {
        let name = conf.file_stem().unwrap().to_string_lossy().to_string();
        let mut server = Server {
            child: None,
            conf: conf.to_owned(),
            log: dir.join(format!("{name}.log")),
            port,
            user: user.to_owned(),
            password: password.to_owned(),
        };
        server.spawn().await?;
        Ok(server)
    }

    async fn spawn(&mut self) -> Result<(), String> {
        let child = Command::new(nats_server_bin())
            .arg("-c")
            .arg(&self.conf)
            .arg("-l")
            .arg(&self.log)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        self.child = Some(child);
        let client = self.connect_with_retry().await?;
        let js = async_nats::jetstream::new(client);
        let start = Instant::now();
        while js.query_account().await.is_err() {
            if start.elapsed() > Duration::from_secs(10) {
                return Err(format!("JetStream of {} did not start:\n{}", self.conf.display(), self.log()));
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Ok(())
    }

    async fn connect_with_retry(&mut self) -> Result<async_nats::Client, String> {
        let start = Instant::now();
        loop {
            let attempt = async_nats::ConnectOptions::with_user_and_password(self.user.clone(), self.password.clone())
                .connect(format!("127.0.0.1:{}", self.port))
                .await;
            match attempt {
                Ok(c) => return Ok(c),
                Err(e) => {
                    let exited = self.child.as_mut().is_some_and(|c| c.try_wait().ok().flatten().is_some());
                    if exited || start.elapsed() > Duration::from_secs(10) {
                        self.child = None;
                        let how = if exited { "exited" } else { "did not accept clients" };
                        return Err(format!("{} {how} ({e}); its log:\n{}", self.conf.display(), self.log()));
                    }
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            }
        }
    }

    /// A client as `user`, reconnecting for ever (as a node's relay does).
    pub async fn connect(&self, user: &str, password: &str) -> async_nats::Client {
        async_nats::ConnectOptions::with_user_and_password(user.to_owned(), password.to_owned())
            .retry_on_initial_connect()
            .max_reconnects(None)
            .reconnect_delay_callback(|_| Duration::from_millis(50))
            .connect(format!("127.0.0.1:{}", self.port))
            .await
            .unwrap()
    }

    /// The client port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The server's log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits until the log has at least `n` leaf connections made.
    pub async fn wait_for_leaves(&self, n: usize) {
        let start = Instant::now();
        while self.log().matches("Leafnode connection created").count() < n {
            assert!(start.elapsed() < Duration::from_secs(10), "{n} leaf links not made:\n{}", self.log());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// SIGKILL: no chance to flush or say goodbye.
    pub async fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().await.unwrap();
        }
    }

    /// SIGTERM, then waits for the process to end.
    pub async fn terminate(&mut self) {
        if let Some(mut child) = self.child.take() {
            let pid = child.id().unwrap().to_string();
            std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap();
            tokio::time::timeout(Duration::from_secs(10), child.wait()).await.unwrap().unwrap();
        }
    }

    /// Starts it again on the same configuration, port and store.
    pub async fn restart(&mut self) {
        assert!(self.child.is_none(), "restart of a running server");
        self.spawn().await.unwrap_or_else(|why| panic!("{why}"));
    }
}
