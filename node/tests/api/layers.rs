//! The services that move money form layers, not a circle: the guarantee fund is
//! a hook the others call inside their transaction, and calls none of them back.
//! Read from the source files, so a new `use super::x` that closes a circle fails here.

use std::collections::BTreeMap;
use std::path::Path;

/// The services whose imports once formed a circle: the six that move money, and the
/// periodic return, which once read payslip lines from the payroll that asks it for the time worked.
const MONEY_SERVICES: [&str; 7] =
    ["guarantee_fund", "invoices", "order_forms", "payroll", "quarterly_returns", "stabilised", "work"];

/// The modules of `among` that `source` names as `super::x` or `crate::service::x`,
/// in braces too (`use super::{a, b}`); comment lines are skipped.
fn imports(source: &str, among: &[&str]) -> Vec<String> {
    let code: String = source.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let mut found = Vec::new();
    for prefix in ["super::", "crate::service::"] {
        for (at, _) in code.match_indices(prefix) {
            let rest = code.get(at + prefix.len()..).unwrap_or("");
            let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                // Only the group's own names: `a`, `b::c` gives `b`, `self` is the parent.
                let mut depth = 0;
                let end = group
                    .char_indices()
                    .find(|&(_, ch)| {
                        match ch {
                            '{' => depth += 1,
                            '}' if depth == 0 => return true,
                            '}' => depth -= 1,
                            _ => {}
                        }
                        false
                    })
                    .map_or(group.len(), |(i, _)| i);
                group.get(..end).unwrap_or("").split(',').map(|item| item.trim()).collect()
            } else {
                vec![rest]
            };
            for name in names {
                let ident: String = name.chars().take_while(|ch| ch.is_ascii_alphanumeric() || *ch == '_').collect();
                if among.contains(&ident.as_str()) && !found.contains(&ident) {
                    found.push(ident);
                }
            }
        }
    }
    found
}

/// A cycle of the graph, written `a -> b -> a`, if there is one.
fn cycle(graph: &BTreeMap<String, Vec<String>>) -> Option<String> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, Vec<String>>,
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<String> {
        if let Some(start) = path.iter().position(|p| p == node) {
            let mut names: Vec<&str> = path.iter().skip(start).map(String::as_str).collect();
            names.push(node);
            return Some(names.join(" -> "));
        }
        if done.iter().any(|d| d == node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.push(node.to_owned());
        None
    }
    let mut done = Vec::new();
    graph.keys().find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_money_moving_services_import_each_other_without_a_cycle() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/service");
    let graph: BTreeMap<String, Vec<String>> = MONEY_SERVICES
        .iter()
        .map(|name| {
            let source = std::fs::read_to_string(dir.join(format!("{name}.rs"))).unwrap();
            let mut deps = imports(&source, &MONEY_SERVICES);
            deps.retain(|d| d != name);
            ((*name).to_owned(), deps)
        })
        .collect();
    assert_eq!(cycle(&graph), None, "the services import each other in a circle; imports: {graph:?}");
    // The fund is the hook: it calls none of the services that move money.
    assert_eq!(graph["guarantee_fund"], Vec::<String>::new());
    // The reader sees the imports there are: a check that reads nothing would pass too.
    assert!(graph["payroll"].contains(&"guarantee_fund".to_owned()), "{graph:?}");
    assert!(graph["work"].contains(&"order_forms".to_owned()), "{graph:?}");
    // The payroll asks the return for the time worked; the return reads payslip lines from
    // their own module, not from the payroll.
    assert!(graph["payroll"].contains(&"quarterly_returns".to_owned()), "{graph:?}");
    assert_eq!(graph["quarterly_returns"], Vec::<String>::new(), "{graph:?}");
}

#[test]
fn an_import_circle_is_found_and_named() {
    let among = ["a", "b", "c"];
    let sources = [
        ("a", "use super::{b, ledger};\n// use super::c;\n"),
        ("b", "use super::views::X;\nfn f() { crate::service::c::go() }"),
        ("c", "use super::{self as s, a::{One, Two}};"),
    ];
    let graph: BTreeMap<String, Vec<String>> =
        sources.iter().map(|(name, source)| ((*name).to_owned(), imports(source, &among))).collect();
    assert_eq!(graph["a"], ["b"], "a commented-out import is not one");
    assert_eq!(cycle(&graph).as_deref(), Some("a -> b -> c -> a"));
    let mut broken = graph.clone();
    broken.insert("c".into(), Vec::new());
    assert_eq!(cycle(&broken), None);
}
