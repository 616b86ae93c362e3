//! The `partage` command as a user runs it: help, and a bad configuration
//! stopping start-up with a message naming the key.

use std::process::Command;

fn partage() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_partage"));
    // The caller's own configuration must not leak into these tests.
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("PARTAGE")) {
        cmd.env_remove(key);
    }
    cmd
}

#[test]
fn every_command_has_help() {
    for args in [&["--help"][..], &["serve", "--help"], &["migrate", "--help"], &["demo", "--help"]] {
        let out = partage().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Usage: partage"), "{args:?}: {text}");
    }
    let demo = String::from_utf8(partage().args(["demo", "--help"]).output().unwrap().stdout).unwrap();
    assert!(demo.contains("--members"), "{demo}");
}

#[test]
fn a_bad_configuration_value_stops_start_up_naming_its_key() {
    let dir = std::env::temp_dir().join(format!("partage-cli-{}", uuid::Uuid::now_v7().simple()));
    let out = partage()
        .args(["serve"])
        .env("PARTAGE__NODE__DATA_DIR", &dir)
        .env("PARTAGE__API__TOKEN", "a-long-enough-token-123")
        .env("PARTAGE__FEE__RATE", "six percent")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("configuration key fee.rate: 'six percent' is not a decimal number"), "{err}");
    assert!(!dir.exists(), "nothing is created before the configuration is valid");
}

#[test]
fn serving_without_a_token_is_refused() {
    let out = partage().args(["serve"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("configuration key api.token"), "{err}");
}

#[test]
fn a_configuration_file_is_read_and_the_environment_overrides_it() {
    let dir = std::env::temp_dir().join(format!("partage-cli-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("partage.toml");
    std::fs::write(&file, format!("[node]\ndata_dir = \"{}\"\n[http]\nbind = \"nowhere\"\n", dir.display())).unwrap();
    let out = partage().args(["--config", file.to_str().unwrap(), "migrate"]).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("configuration key http.bind"), "{err}");
    let out = partage()
        .args(["--config", file.to_str().unwrap(), "migrate"])
        .env("PARTAGE__HTTP__BIND", "127.0.0.1:9999")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.join("partage.sqlite").exists());
    let missing = partage().args(["--config", "/no/such/file.toml", "migrate"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}
