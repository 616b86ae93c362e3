//! French payroll benchmarks: one payslip forward (with its lines), the inverses from a budget
//! and from a net (net paid across the neutral grid, and net before tax), and a batch of
//! 100,000 payslips. `cargo bench -p partage-pack-fr --bench payroll`
#![allow(missing_docs, clippy::unwrap_used, clippy::indexing_slicing)]

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use partage_core::money::{Currency, Money, Rate};
use partage_core::pack::CountryPack;
use partage_core::payroll::{Employee, FixedTerm, Household};
use partage_pack_fr::FrenchPack;
use rust_decimal::Decimal;
use std::hint::black_box;

fn employee(category: &str, fraction: Decimal, fixed_term: bool) -> Employee {
    Employee {
        category: category.into(),
        household: Household::single(),
        work_fraction: Rate(fraction),
        worked: None,
        fixed_term: fixed_term.then_some(FixedTerm { end_of_contract_indemnity: true }),
        withholding_rate: None,
        employer_cost_coefficient: None,
    }
}

fn bench(c: &mut Criterion) {
    let pack = FrenchPack::load().unwrap();
    let payroll = pack.payroll();
    let date = NaiveDate::from_ymd_opt(2026, 3, 15).unwrap();
    let non_cadre = employee("non-cadre", Decimal::ONE, false);
    let gross = Money::from_minor(300_000, Currency::EUR);

    c.bench_function("fr payslip forward (3,000 gross, all lines)", |b| {
        b.iter(|| payroll.payslip(black_box(date), black_box(gross), black_box(&non_cadre)).unwrap())
    });
    c.bench_function("fr net forward (no lines)", |b| {
        b.iter(|| payroll.net(black_box(date), black_box(gross), black_box(&non_cadre)).unwrap())
    });
    let budget = Money::from_minor(500_000, Currency::EUR);
    c.bench_function("fr inverse: budget 5,000 -> gross", |b| {
        b.iter(|| payroll.gross_for_budget(black_box(date), black_box(budget), black_box(&non_cadre)).unwrap())
    });
    let net = payroll.net(date, gross, &non_cadre).unwrap();
    c.bench_function("fr inverse: net paid -> gross (neutral grid)", |b| {
        b.iter(|| payroll.gross_for_net(black_box(date), black_box(net), black_box(&non_cadre)).unwrap())
    });
    let before_tax = Money::from_minor(237_479, Currency::EUR);
    c.bench_function("fr inverse: net before tax 2,374.79 -> gross", |b| {
        b.iter(|| {
            payroll.gross_for_net_before_tax(black_box(date), black_box(before_tax), black_box(&non_cadre)).unwrap()
        })
    });

    let people = [
        employee("non-cadre", Decimal::ONE, false),
        employee("cadre", Decimal::ONE, false),
        employee("non-cadre", Decimal::new(8, 1), true),
        employee("cadre", Decimal::new(5, 1), false),
    ];
    let mut group = c.benchmark_group("fr batch");
    group.sample_size(10);
    group.bench_function("100,000 payslips (all lines)", |b| {
        b.iter(|| {
            let mut total = Money::zero(Currency::EUR);
            for i in 0..100_000i64 {
                let g = Money::from_minor(150_000 + (i * 37) % 1_500_000, Currency::EUR);
                let p = payroll.payslip(date, g, &people[usize::try_from(i % 4).unwrap()]).unwrap();
                total = total.checked_add(p.net).unwrap();
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
