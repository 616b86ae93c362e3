//! Relay throughput beside a raw JetStream publish loop (written below).

fn main() {}
