//! The `partage` command: `serve`, `migrate`, `check`, `demo`, `admin`, `federation`, `init`, `hq`.

use anyhow::Context;
use clap::{Parser, Subcommand};
use partage::config::Settings;
use partage::service::Node;
use std::path::PathBuf;

/// Partage: the node of a shared-enterprise cooperative's national office.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    /// Configuration file (TOML); environment variables PARTAGE__SECTION__KEY override it.
    #[arg(long, global = true, env = "PARTAGE_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

// Parsed once at start-up: the size of the simulator's variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Serve the HTTP API (make the first admin token with `partage admin bootstrap`).
    Serve {
        /// Address to listen on (overrides http.bind).
        #[arg(long)]
        bind: Option<String>,
    },
    /// Create or upgrade the database schema, then exit.
    Migrate,
    /// Audit: recompute every running total (budgets, covers, the fund) from the
    /// journal and the documents; print each difference, exit 1 if there is any.
    Check {
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Simulate a monthly payslip from a gross, a budget or a net (nothing is stored).
    #[command(group(clap::ArgGroup::new("amount").required(true).args(["gross", "budget", "net"])))]
    Simulate {
        /// Country pack.
        #[arg(long, default_value = "be")]
        country: String,
        /// Date whose parameters apply (YYYY-MM-DD).
        #[arg(long)]
        date: chrono::NaiveDate,
        /// Monthly gross wage.
        #[arg(long)]
        gross: Option<String>,
        /// Budget: the employer cost available.
        #[arg(long)]
        budget: Option<String>,
        /// Net wage wanted.
        #[arg(long)]
        net: Option<String>,
        /// Worker kind (default the pack's first: white-collar in Belgium).
        #[arg(long, value_parser = ["white-collar", "manual", "artist"])]
        worker: Option<String>,
        /// Worker status where the pack names categories so (France: non-cadre, the default, or cadre).
        #[arg(long, value_parser = ["non-cadre", "cadre"], conflicts_with = "worker")]
        status: Option<String>,
        /// Contract: open-ended (cdi, the default) or fixed-term (cdd), as the issue spells them.
        #[arg(long, value_parser = ["cdi", "cdd"])]
        contract: Option<String>,
        /// For a fixed-term contract: whether the end-of-contract indemnity is due (default yes).
        #[arg(long, value_parser = ["yes", "no"])]
        end_of_contract_indemnity: Option<String>,
        /// The employer's number of employees (default: the node's configuration).
        #[arg(long)]
        company_size: Option<u32>,
        /// A personal withholding-tax rate as a fraction (0.075); default the pack's scale.
        #[arg(long)]
        withholding_rate: Option<String>,
        /// Family situation.
        #[arg(long, default_value = "single", value_parser = ["single", "married-one-income", "married-two-incomes", "cohabiting"])]
        family: String,
        /// Dependent children.
        #[arg(long, default_value_t = 0)]
        children: u32,
        /// Of which disabled.
        #[arg(long, default_value_t = 0)]
        disabled_children: u32,
        /// Part-time fraction (0.8 for four days a week).
        #[arg(long)]
        part_time: Option<String>,
        /// Hours worked, for a contract of a few hours (the payslip is that share of a month).
        #[arg(long)]
        hours: Option<String>,
        /// Days worked, for a contract of a few days.
        #[arg(long)]
        days: Option<String>,
        /// The worker is disabled (their own withholding-tax reduction).
        #[arg(long)]
        disabled: bool,
        /// The employer's average number of workers (Belgium: classes from 10 and from 20).
        #[arg(long)]
        employer_workers: Option<u32>,
        /// Whether the employer has a commercial purpose.
        #[arg(long, value_parser = ["yes", "no"])]
        commercial: Option<String>,
        /// The employer's joint committee (200, 304.01...).
        #[arg(long)]
        joint_committee: Option<String>,
        /// Language of the line labels, one of the pack's.
        #[arg(long, default_value = "en")]
        language: String,
        /// Print JSON (the same document as POST /api/v1/simulations).
        #[arg(long)]
        json: bool,
    },
    /// Build a node with a realistic year of a Belgian (or, with --country fr, French) office, print its URL, token and data directory, and serve it.
    Demo {
        /// The office's country: be, or fr for a French office (its entity and [pack.fr] settings).
        #[arg(long, default_value = "be", value_parser = ["be", "fr"])]
        country: String,
        /// Data directory (default: a new temporary directory).
        #[arg(long)]
        data_dir: Option<PathBuf>,
        /// Number of members (Smart Belgium: about 22,000 active users).
        #[arg(long, default_value_t = 2000, value_parser = clap::value_parser!(u32).range(10..=200_000))]
        members: u32,
        /// Seed of the generator: the same seed gives the same data.
        #[arg(long, default_value_t = 1998)]
        seed: u64,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        bind: String,
        /// Build the data, print the summary and exit without serving.
        #[arg(long)]
        no_serve: bool,
        /// Keep the temporary data directory when the demo stops (a --data-dir is always kept).
        #[arg(long)]
        keep: bool,
        /// The federation on this machine: a NATS hub and two leaves (nats-server 2.15), a
        /// Belgian and a French office of --members each, and HQ's group report; the offices
        /// listen on --bind and the next port, HQ on the one after.
        #[arg(long, conflicts_with_all = ["country", "no_serve"])]
        group: bool,
    },
    /// The first administrator: what an office runs once, before anyone can sign in.
    Admin {
        #[command(subcommand)]
        admin: Admin,
    },
    /// Rehearse a crisis on a fresh temporary node and report.
    Drill {
        #[command(subcommand)]
        drill: Drill,
    },
    /// Join a federation: the node's key, the nats-server configurations.
    Federation {
        #[command(subcommand)]
        federation: Federation,
    },
    /// Make a new office's node: its keys, configuration, leaf configuration and enrolment request for HQ.
    Init {
        /// The office's country code (be, fr, se, hu...).
        #[arg(long)]
        country: String,
        /// HQ's URL.
        #[arg(long)]
        hq: String,
        /// Directory of the node's files.
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
    /// HQ of the group: the group report and the nodes' enrolment.
    Hq {
        #[command(subcommand)]
        hq: HqCommand,
    },
    /// The node's period figures for HQ.
    Figures {
        #[command(subcommand)]
        figures: FiguresCommand,
    },
}

#[derive(Subcommand)]
enum FiguresCommand {
    /// Compute a month's figures and, when they changed, put their next revision in the
    /// outbox for HQ (the relay sends it). The node also does this daily for the current
    /// and previous month, and when a payroll run completes.
    Publish {
        /// The month, `YYYY-MM`.
        #[arg(long)]
        month: String,
    },
}

#[derive(Subcommand)]
enum Federation {
    /// Make the node's signing key; prints the public key HQ enrols (a `[[keys]]` entry of its trust store).
    Key {
        /// The node's id (`be`).
        #[arg(long)]
        node: String,
        /// The key's id, new at each rotation (`be-2026`).
        #[arg(long)]
        key_id: String,
        /// Where to write the key (refused if the file exists).
        #[arg(long)]
        out: PathBuf,
    },
    /// Write the hub's and each office's nats-server configuration, with fresh passwords.
    Config {
        /// The address offices dial to reach HQ's hub.
        #[arg(long)]
        hub_host: String,
        /// The offices' node ids, comma-separated (`be,fr`).
        #[arg(long, value_delimiter = ',')]
        nodes: Vec<String>,
        /// JetStream's directory on each server.
        #[arg(long, default_value = "/var/lib/partage/nats")]
        store_root: PathBuf,
        /// Where to write `hub.conf` and `leaf-<node>.conf`.
        #[arg(long, default_value = "deploy/nats")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum Admin {
    /// Make an admin account for this e-mail (its sign-in through the provider is
    /// admin) and print a new admin API token, shown this once.
    Bootstrap {
        /// The administrator's e-mail, as the identity provider knows it.
        #[arg(long)]
        email: String,
    },
}

// Parsed once per run: the size of the serve variant's options costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum HqCommand {
    /// Serve HQ's API (group report, rates, enrolments).
    Serve {
        /// HQ's database (SQLite by default; postgres://... works too).
        #[arg(long, env = "PARTAGE_HQ_DATABASE", default_value = "sqlite://hq.sqlite?mode=rwc")]
        database: String,
        /// Address to listen on.
        #[arg(long, env = "PARTAGE_HQ_BIND", default_value = "127.0.0.1:8090")]
        bind: String,
        /// Gone: the first admin token comes from `partage hq bootstrap`, the others from /app/tokens.
        #[arg(long, env = "PARTAGE_HQ_TOKEN", hide = true, hide_env_values = true)]
        token: Option<String>,
        /// The group's OpenID Connect provider: operators then sign in to the pages through it.
        #[arg(long, env = "PARTAGE_HQ_OIDC_ISSUER")]
        oidc_issuer: Option<String>,
        /// HQ's client id at the provider.
        #[arg(long, env = "PARTAGE_HQ_OIDC_CLIENT_ID", default_value = "partage-hq")]
        oidc_client_id: String,
        /// HQ's client secret at the provider.
        #[arg(long, env = "PARTAGE_HQ_OIDC_CLIENT_SECRET", default_value = "", hide_env_values = true)]
        oidc_client_secret: String,
        /// Where browsers reach HQ (https://hq.example): the provider's callback is {public-url}/auth/callback.
        #[arg(long, env = "PARTAGE_HQ_PUBLIC_URL")]
        public_url: Option<String>,
        /// An operator's e-mail, which the provider must vouch for (repeat it, or separate by commas);
        /// more are added on the pages (/app/operators).
        #[arg(long = "operator", env = "PARTAGE_HQ_OPERATORS", value_delimiter = ',')]
        operators: Vec<String>,
        /// Coverage ratio of the guarantee fund under which a node is flagged.
        #[arg(long, env = "PARTAGE_HQ_COVERAGE_FLOOR", default_value = "1.00")]
        coverage_floor: rust_decimal::Decimal,
        /// The hub's nats-server: when given, HQ consolidates the nodes' figures from JetStream
        /// (stream `HQ_AGG`, durable consumer `hq-consolidator`).
        #[arg(long, env = "PARTAGE_HQ_NATS_URL")]
        nats_url: Option<String>,
        /// The hub's `hq` user.
        #[arg(long, env = "PARTAGE_HQ_NATS_USER", default_value = "hq")]
        nats_user: String,
        /// Its password.
        #[arg(long, env = "PARTAGE_HQ_NATS_PASSWORD", default_value = "")]
        nats_password: String,
        /// Seconds an unacknowledged figures message waits before JetStream redelivers it.
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
        ack_wait_secs: u64,
    },
    /// The first admin of HQ: make them an operator and print a new admin API token (shown once).
    Bootstrap {
        /// Their e-mail: with a provider, the address it vouches for.
        #[arg(long)]
        email: String,
        /// HQ's database.
        #[arg(long, env = "PARTAGE_HQ_DATABASE", default_value = "sqlite://hq.sqlite?mode=rwc")]
        database: String,
    },
    /// Accept a node's enrolment request: add its public key to HQ's trust store.
    Enrol {
        /// The request `partage init` wrote.
        request: PathBuf,
        /// HQ's database.
        #[arg(long, env = "PARTAGE_HQ_DATABASE", default_value = "sqlite://hq.sqlite?mode=rwc")]
        database: String,
    },
}

#[derive(Subcommand)]
enum Drill {
    /// A delivery platform goes bankrupt after its couriers worked and were invoiced (Take Eat Easy, 2016).
    PlatformBankruptcy {
        /// Couriers who worked for the platform.
        #[arg(long, default_value_t = 400, value_parser = clap::value_parser!(u32).range(1..=20_000))]
        couriers: u32,
        /// Other members working at the same time for a healthy client.
        #[arg(long, default_value_t = 40, value_parser = clap::value_parser!(u32).range(0..=20_000))]
        others: u32,
        /// The guarantee fund's reserve when the drill starts, in euros.
        #[arg(long, default_value = "150000.00")]
        fund_reserve: String,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

impl From<Federation> for partage::relay::Command {
    fn from(f: Federation) -> Self {
        match f {
            Federation::Key { node, key_id, out } => partage::relay::Command::Key { node, key_id, out },
            Federation::Config { hub_host, nodes, store_root, out } => {
                partage::relay::Command::Config { hub_host, nodes, store_root, out }
            }
        }
    }
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve { bind } => {
            let mut overrides = Vec::new();
            if let Some(b) = bind {
                overrides.push(("http.bind", b));
            }
            let settings = Settings::load_with(cli.config.as_deref(), &overrides)?;
            let node = Node::open(settings).await.context("opening the node")?;
            partage::server::serve(node, None).await
        }
        Command::Simulate {
            country,
            date,
            gross,
            budget,
            net,
            worker,
            status,
            contract,
            end_of_contract_indemnity,
            company_size,
            withholding_rate,
            family,
            children,
            disabled_children,
            part_time,
            hours,
            days,
            disabled,
            employer_workers,
            commercial,
            joint_committee,
            language,
            json,
        } => {
            let settings = Settings::load(cli.config.as_deref())?;
            let pack = partage::service::load_pack(&settings)?;
            let request = partage::http::requests::SimulationRequest {
                country,
                date,
                gross,
                budget,
                net,
                worker: status.or(worker),
                family: Some(family),
                children: Some(children),
                disabled_children: Some(disabled_children),
                part_time,
                hours,
                days,
                disabled: Some(disabled),
                employer_workers,
                commercial: commercial.map(|c| c == "yes"),
                joint_committee,
                language: Some(language),
                contract: contract.map(|c| if c == "cdd" { "fixed-term".to_owned() } else { "open-ended".to_owned() }),
                end_of_contract_indemnity: end_of_contract_indemnity.map(|e| e == "yes"),
                company_size,
                withholding_rate,
            };
            let input = request.into_input(pack.currency(), pack.languages()).map_err(|e| anyhow::anyhow!("{e}"))?;
            // Offline: the configuration's coefficient (the schedule is in the node's database).
            let view = partage::service::simulations::simulate(pack.as_ref(), &settings, &input, None)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            if json {
                println!("{}", serde_json::to_string_pretty(&view)?);
            } else {
                print!("{}", partage::service::simulations::render_text(&view));
            }
            Ok(())
        }
        Command::Admin { admin: Admin::Bootstrap { email } } => {
            let settings = Settings::load(cli.config.as_deref())?;
            let node = Node::open(settings).await.context("opening the node")?;
            let token = partage::auth::bootstrap(&node, &email).await?;
            println!("admin account: {email}");
            println!("admin API token (shown once; send it as Authorization: Bearer <token>):");
            println!("{token}");
            Ok(())
        }
        Command::Migrate => {
            let settings = Settings::load(cli.config.as_deref())?;
            Node::open(settings).await.context("migrating")?;
            println!("database is up to date");
            Ok(())
        }
        Command::Check { json } => {
            let settings = Settings::load(cli.config.as_deref())?;
            let node = Node::open(settings).await.context("opening the node")?;
            let snapshot = node.store.snapshot().await?;
            let report = partage::service::audit::check(&snapshot, &node).await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print!("{report}");
            }
            if !report.differences.is_empty() {
                anyhow::bail!("{} running total(s) differ from the journal", report.differences.len());
            }
            Ok(())
        }
        Command::Drill { drill: Drill::PlatformBankruptcy { couriers, others, fund_reserve, json } } => {
            let reserve = partage_core::Money::parse(&fund_reserve, partage_core::Currency::EUR)
                .map_err(|e| anyhow::anyhow!("--fund-reserve: {e}"))?;
            if reserve.is_negative() {
                anyhow::bail!("--fund-reserve must not be negative");
            }
            let dir = std::env::temp_dir().join(format!("partage-drill-{}", uuid::Uuid::now_v7().simple()));
            let overrides = vec![
                ("node.data_dir", dir.display().to_string()),
                ("database.url", format!("sqlite://{}?mode=rwc", dir.join("drill.sqlite").display())),
                ("database.schema", String::new()),
                ("node.today", partage::drill::PAY_DAY.to_owned()),
            ];
            let settings = Settings::load_with(cli.config.as_deref(), &overrides)?;
            let node = Node::open(settings).await.context("opening the drill node")?;
            let report = partage::drill::platform_bankruptcy(
                &node,
                usize::try_from(couriers)?,
                usize::try_from(others)?,
                reserve,
            )
            .await;
            node.store.db().clone().close().await.ok();
            let _ = std::fs::remove_dir_all(&dir);
            let report = report?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                println!("{report}");
            }
            Ok(())
        }
        Command::Federation { federation } => partage::relay::command(federation.into()),
        Command::Init { country, hq, dir } => {
            let files = partage_hq::enrol::init(&dir, &country, &hq, &partage_hq::enrol::now())?;
            println!("node key: {}", files.key.display());
            println!("configuration: {}", files.config.display());
            println!("leaf configuration: {}", files.leaf.display());
            println!("enrolment request (send it to HQ: partage hq enrol FILE): {}", files.request.display());
            Ok(())
        }
        Command::Hq { hq } => hq_command(hq).await,
        Command::Figures { figures: FiguresCommand::Publish { month } } => {
            let month: partage_core::period::Month =
                month.parse().map_err(|_| anyhow::anyhow!("--month '{month}' is not YYYY-MM"))?;
            let settings = Settings::load(cli.config.as_deref())?;
            let node = Node::open(settings).await.context("opening the node")?;
            let published = partage::service::figures::publish_month(&node, month).await?;
            let f = &published.figures;
            if published.changed {
                println!("{month}: revision {} queued for HQ", f.revision);
            } else {
                println!("{month}: unchanged since revision {}, nothing to send", f.revision);
            }
            Ok(())
        }
        Command::Demo { group: true, data_dir, members, seed, bind, keep, .. } => {
            let stop = partage::server::stop_signal();
            let place = partage::demo::DataDir::choose(data_dir, keep);
            let group = partage::demo::group::Group { members, seed, bind };
            let result = partage::demo::group::run(cli.config.as_deref(), &place, group, stop).await;
            if let Some(removed) = place.clean_up() {
                println!("{removed}");
            }
            result
        }
        Command::Demo { country, data_dir, members, seed, bind, no_serve, keep, group: false } => {
            // Bind first: a busy port fails at once, before minutes of building and
            // before any file is made.
            let listener = if no_serve {
                None
            } else {
                let listener = tokio::net::TcpListener::bind(&bind).await.with_context(|| {
                    format!("cannot listen on {bind} (another node or demo may use it; choose another with --bind)")
                })?;
                Some(listener)
            };
            let place = partage::demo::DataDir::choose(data_dir, keep);
            let result = demo(cli.config.as_deref(), &place, &country, members, seed, bind, listener).await;
            if let Some(removed) = place.clean_up() {
                println!("{removed}");
            }
            result
        }
    }
}

async fn hq_command(command: HqCommand) -> anyhow::Result<()> {
    match command {
        HqCommand::Serve {
            database,
            bind,
            token,
            oidc_issuer,
            oidc_client_id,
            oidc_client_secret,
            public_url,
            operators,
            coverage_floor,
            nats_url,
            nats_user,
            nats_password,
            ack_wait_secs,
        } => {
            if token.is_some() {
                anyhow::bail!(
                    "--token (PARTAGE_HQ_TOKEN) is gone: make the first admin token with \
                     `partage hq bootstrap --email <you>`, then others on the page /app/tokens"
                );
            }
            let sign_in = partage_hq::pages::sign_in::SignIn::configure(
                oidc_issuer.as_deref(),
                &oidc_client_id,
                &oidc_client_secret,
                public_url.as_deref(),
                &operators,
            )?;
            let store = partage_hq::HqStore::open(&database, None).await?;
            if sign_in.oidc.is_some() && sign_in.operators.is_empty() && store.operators().await?.is_empty() {
                anyhow::bail!(
                    "nobody could sign in: name an operator with --operator, or run \
                     `partage hq bootstrap --email <you>` first"
                );
            }
            if !store.has_live_admin_token().await? {
                println!(
                    "HQ has no admin API token: run `partage hq bootstrap --email <you>` to make the first{}",
                    if sign_in.oidc.is_some() { "" } else { " and sign in to the pages with it" }
                );
            }
            let listener =
                tokio::net::TcpListener::bind(&bind).await.with_context(|| format!("cannot listen on {bind}"))?;
            println!("HQ serving http://{}/api/v1", listener.local_addr()?);
            let (stop, stopped) = tokio::sync::watch::channel(false);
            let consolidator = nats_url.map(|url| {
                println!("HQ consolidating from {url} (stream {})", partage_hq::jetstream::STREAM);
                let settings = partage_hq::jetstream::Settings {
                    url,
                    user: nats_user,
                    password: nats_password,
                    stream: partage_hq::jetstream::STREAM.to_owned(),
                    ack_wait: std::time::Duration::from_secs(ack_wait_secs),
                    sources_every: partage_hq::jetstream::SOURCES_EVERY,
                };
                let store = store.clone();
                let (done, ended) = tokio::sync::oneshot::channel::<()>();
                let task = tokio::spawn(async move {
                    let result = partage_hq::jetstream::consolidate(&store, &settings, stopped).await;
                    let _ = done.send(());
                    result
                });
                (task, ended)
            });
            let hq = partage_hq::http::Hq {
                store,
                coverage_floor,
                now: std::sync::Arc::new(partage_hq::enrol::now),
                sign_in: std::sync::Arc::new(sign_in),
            };
            let signal = partage::server::stop_signal();
            let served = match consolidator {
                None => partage_hq::http::serve_until(hq, listener, signal).await.map_err(anyhow::Error::from),
                Some((task, ended)) => {
                    // Either ending ends HQ: a consolidator that stopped on a database error
                    // must not leave an API serving figures that no longer move.
                    let http = partage_hq::http::serve_until(hq, listener, async move {
                        tokio::select! {
                            () = signal => {}
                            _ = ended => {}
                        }
                    });
                    let served = http.await.map_err(anyhow::Error::from);
                    let _ = stop.send(true);
                    match tokio::time::timeout(std::time::Duration::from_secs(10), task).await {
                        Ok(Ok(Ok(tally))) => println!("HQ consolidator stopped: {tally:?}"),
                        Ok(Ok(Err(e))) => return Err(anyhow::Error::from(e).context("HQ consolidator")),
                        Ok(Err(e)) if !e.is_cancelled() => return Err(anyhow::anyhow!("HQ consolidator: {e}")),
                        _ => {}
                    }
                    served
                }
            };
            served
        }
        HqCommand::Bootstrap { email, database } => {
            let store = partage_hq::HqStore::open(&database, None).await?;
            let token = partage_hq::tokens::bootstrap(&store, &email, &partage_hq::enrol::now()).await?;
            println!("HQ operator: {}", email.trim().to_lowercase());
            println!("HQ admin API token (shown once; send it as Authorization: Bearer <token>, or sign in with it):");
            println!("{token}");
            Ok(())
        }
        HqCommand::Enrol { request, database } => {
            let store = partage_hq::HqStore::open(&database, None).await?;
            let request = partage_hq::enrol::read_request(&request)?;
            let new = partage_hq::enrol::accept(&store, &request, &partage_hq::enrol::now()).await?;
            let verb = if new { "enrolled" } else { "already enrolled with this key:" };
            println!("{verb} node {} (key {})", request.claims.node, request.claims.key_id);
            Ok(())
        }
    }
}

/// Builds the demo node in `place`, prints where it is and how to reach it, then
/// serves it on `listener` until Ctrl-C or SIGTERM (or returns at once without one).
#[allow(clippy::too_many_arguments)]
async fn demo(
    config: Option<&std::path::Path>,
    place: &partage::demo::DataDir,
    country: &str,
    members: u32,
    seed: u64,
    bind: String,
    listener: Option<tokio::net::TcpListener>,
) -> anyhow::Result<()> {
    // With `--bind 127.0.0.1:0` the system picks the port: show the real one.
    let address = match &listener {
        Some(l) => l.local_addr().context("reading the bound address")?.to_string(),
        None => bind,
    };
    let mut overrides = partage::demo::country_settings(country);
    overrides.extend([("node.data_dir", place.path.display().to_string()), ("http.bind", address.clone())]);
    let settings = Settings::load_with(config, &overrides)?;
    // Listening from here on: a stop while building still removes what was made.
    let mut stop = partage::server::stop_signal();
    let node = Node::open(settings).await.context("opening the demo node")?;
    let token = partage::auth::bootstrap(&node, "admin@partage.example").await?;
    let built = tokio::select! {
        built = partage::demo::build(&node, partage::demo::Scale { members, seed }) => built.map_err(anyhow::Error::from),
        () = &mut stop => Err(anyhow::anyhow!("stopped while building the demo")),
    };
    let served = match built {
        Ok(summary) => {
            println!("{summary}");
            println!("data directory: {} ({})", place.path.display(), place.fate());
            match listener {
                None => Ok(()),
                Some(listener) => {
                    let url = format!("http://{address}/api/v1");
                    println!("serving {url}  (token: {token})");
                    println!("try: curl -H 'Authorization: Bearer {token}' {url}/ledger/trial-balance");
                    partage::server::serve_until(node.clone(), Some(listener), stop).await
                }
            }
        }
        Err(e) => Err(e),
    };
    // Close the pool before the data directory may be removed.
    node.store.db().clone().close().await.ok();
    served
}
