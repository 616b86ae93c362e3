//! A `nats-server` process of the test federation.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::process::{Child, Command};

/// The nats-server 2.15.1 binary (`partage_federation::topology::nats_server_bin`).
pub fn nats_server_bin() -> PathBuf {
    partage_federation::topology::nats_server_bin().unwrap_or_else(|why| panic!("{why}"))
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
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
        let name = conf.file_stem().unwrap().to_string_lossy().to_string();
        let mut server = Server {
            child: None,
            conf: conf.to_owned(),
            log: dir.join(format!("{name}.log")),
            port,
            user: user.to_owned(),
            password: password.to_owned(),
        };
        server.spawn().await;
        server
    }

    async fn spawn(&mut self) {
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
        let client = self.connect_with_retry().await;
        let js = async_nats::jetstream::new(client);
        let start = Instant::now();
        while js.query_account().await.is_err() {
            assert!(start.elapsed() < Duration::from_secs(10), "JetStream of {} did not start", self.conf.display());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    async fn connect_with_retry(&self) -> async_nats::Client {
        let start = Instant::now();
        loop {
            let attempt = async_nats::ConnectOptions::with_user_and_password(self.user.clone(), self.password.clone())
                .connect(format!("127.0.0.1:{}", self.port))
                .await;
            match attempt {
                Ok(c) => return c,
                Err(e) => {
                    assert!(
                        start.elapsed() < Duration::from_secs(10),
                        "{} did not accept clients: {e}",
                        self.conf.display()
                    );
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
        self.spawn().await;
    }
}
