//! partage: the node a national office runs. HTTP API, CLI, storage,
//! configuration; the composition root of core, packs and (later) federation.

pub mod auth;
pub mod config;
pub mod csv;
pub mod demo;
pub mod drill;
pub mod error;
// Handlers return `Problem` by value: it is built once per failed request, and
// boxing it would only add an allocation to every error path.
#[allow(clippy::result_large_err)]
pub mod http;
pub mod inbox;
pub mod jobs;
pub mod pages;
pub mod progress;
pub mod relay;
pub mod server;
pub mod service;
pub mod storage;
