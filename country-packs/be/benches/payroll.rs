//! Payroll benchmarks: one payslip forward (with its lines), the inverse from a
//! budget and from a net, and a batch of 100,000 payslips.
//! `cargo bench -p partage-pack-be --bench payroll`
#![allow(missing_docs, clippy::unwrap_used, clippy::indexing_slicing)]

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use partage_core::money::{Currency, Money, Rate};
use partage_core::pack::CountryPack;
use partage_core::payroll::{Employee, FamilySituation, Household};
use partage_pack_be::BelgianPack;
use rust_decimal::Decimal;
use std::hint::black_box;

fn employee(category: &str, situation: FamilySituation, children: u32) -> Employee {
    Employee {
        category: category.into(),
        household: Household { situation, children, ..Household::single() },
        work_fraction: Rate(Decimal::ONE),
        worked: None,
        fixed_term: None,
        withholding_rate: None,
        employer_cost_coefficient: None,
    }
}

fn bench(c: &mut Criterion) {
    let pack = BelgianPack::load().unwrap();
    let payroll = pack.payroll();
    let date = NaiveDate::from_ymd_opt(2025, 6, 15).unwrap();
    let single = employee("white-collar", FamilySituation::Single, 0);
    let gross = Money::from_minor(300_000, Currency::EUR);

    c.bench_function("payslip forward (3,000 gross, all lines)", |b| {
        b.iter(|| payroll.payslip(black_box(date), black_box(gross), black_box(&single)).unwrap())
    });
    c.bench_function("net forward (no lines)", |b| {
        b.iter(|| payroll.net(black_box(date), black_box(gross), black_box(&single)).unwrap())
    });
    let budget = Money::from_minor(500_000, Currency::EUR);
    c.bench_function("inverse: budget 5,000 -> gross", |b| {
        b.iter(|| payroll.gross_for_budget(black_box(date), black_box(budget), black_box(&single)).unwrap())
    });
    let net = Money::from_minor(219_087, Currency::EUR);
    c.bench_function("inverse: net 2,190.87 -> gross", |b| {
        b.iter(|| payroll.gross_for_net(black_box(date), black_box(net), black_box(&single)).unwrap())
    });

    let people = [
        employee("white-collar", FamilySituation::Single, 0),
        employee("manual", FamilySituation::MarriedOneIncome, 2),
        employee("artist", FamilySituation::MarriedTwoIncomes, 1),
        employee("white-collar", FamilySituation::Cohabiting, 3),
    ];
    let mut group = c.benchmark_group("batch");
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
