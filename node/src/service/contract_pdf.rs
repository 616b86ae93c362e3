//! The written employment contract the cooperative gives the worker, in the member's language.
//!
//! The node's contract (from a validated work declaration) printed with what the pack's
//! country asks such a contract to state: the parties (employer with its enterprise and social
//! security numbers, worker with national number and address), the work (function, place,
//! each day with its hours), start and end, the gross wage and how it was set, the collective
//! agreement (the pack names it: Belgium's sector committee number, France's IDCC), and the country's own
//! mentions, printed only when the pack has a label for them:
//! - Belgium: law of 3 July 1978 on employment contracts, art. 9 (a fixed-term contract or one
//!   for a clearly defined work is in writing, for each worker, at the latest when the worker
//!   starts) and art. 11bis (a part-time contract states its working time and schedule in
//!   writing); the information Directive (EU) 2019/1152 art. 4 lists (parties, place, function,
//!   start, end, wage, working time, collective agreement).
//! - France: Code du travail L1242-12 (a CDD states its motive, its term, the job, the
//!   collective agreement, the trial period, the wage and the supplementary pension fund with
//!   the welfare body) and L1242-13 (given to the worker within two working days); the worker's
//!   place in the collective agreement's classification beside the job (R1221-34, from
//!   décret 2023-1004: the job's title, functions and category of employment; the payslip prints
//!   it too, R3243-1, 4°).
//!
//! Labels come from the pack's `documents.ftl`; what the node has not recorded is printed as
//! "not recorded", never left out silently.

use super::payslip_pdf::worker_lines;
use super::Node;
use crate::error::AppError;
use crate::storage::entities::{contract, member, work_declaration, work_period};
use partage_core::contract::ContractKind;
use partage_core::money::{Currency, Money};
use partage_core::pack::IdentifierKind;
use partage_documents::{render, Align, Block, Column, Document, Locale};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

/// The contract as a PDF in `language` (the member's when None).
pub async fn contract_pdf<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
    language: Option<&str>,
) -> Result<Vec<u8>, AppError> {
    let k = contract::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("contract", id))?;
    let member = member::Entity::find_by_id(k.member_id)
        .one(c)
        .await?
        .ok_or_else(|| AppError::not_found("member", k.member_id))?;
    let declaration = work_declaration::Entity::find_by_id(k.declaration_id)
        .one(c)
        .await?
        .ok_or_else(|| AppError::Corrupt(format!("contract {id} without its declaration {}", k.declaration_id)))?;
    let periods = work_period::Entity::find()
        .filter(work_period::Column::DeclarationId.eq(k.declaration_id))
        .order_by_asc(work_period::Column::WorkDate)
        .order_by_asc(work_period::Column::StartTime)
        .all(c)
        .await?;
    let currency: Currency =
        k.currency.parse().map_err(|_| AppError::Corrupt(format!("contract {id} currency '{}'", k.currency)))?;
    let amount = |minor: i64| Money::from_minor(minor, currency).amount();

    let locale = Locale::from_tag(language.unwrap_or(&member.language));
    let lang = locale.tag();
    let label = |code: &str| node.pack.label(lang, code);
    let t = |code: &str| label(code).unwrap_or_else(|| code.to_owned());
    let not_recorded = t("payslip-not-recorded");
    let colon = locale.colon();
    let labelled = |code: &str, value: &str| format!("{}{colon}{value}", t(code));
    let category = &k.worker_category;
    // A label of the worker's kind first (France: a CDD d'usage for performers), then the general one.
    let of_kind = |code: &str| label(&format!("{code}-{category}")).or_else(|| label(code));

    let e = &node.settings.entity;
    let registration = node.pack.employer_registration().social_security_number;
    let agreement = agreement_line(node, lang, category).unwrap_or_else(|| not_recorded.clone());
    let employer = vec![
        t("payslip-employer"),
        format!("{} {}", e.name, e.legal_form),
        e.street.clone(),
        format!("{} {}", e.postal_code, e.city),
        format!(
            "{} {}",
            t("invoice-company-id"),
            node.seller()
                .company_id
                .map_or_else(|| e.vat_number.clone(), |n| node.pack.format_identifier(IdentifierKind::Enterprise, &n))
        ),
        labelled("payslip-employer-registration", registration.as_deref().unwrap_or(&not_recorded)),
    ];
    let mut worker = worker_lines(node, &member, t("payslip-employee"), &labelled, &not_recorded);
    let category_label = label(&format!("worker-category-{category}")).unwrap_or_else(|| category.clone());
    worker.push(labelled("payslip-category", &category_label));

    // An open-ended contract (stabilised monthly, a platform enrolment) has no end; the stored end
    // is then a sentinel.
    let open_ended = super::contract_kind(&k.kind)?.open_ended();
    let title = if open_ended { t("contract-title-open") } else { of_kind("contract-title-fixed").unwrap_or_default() };
    let kind = label(&format!("contract-kind-{}", k.kind)).unwrap_or_else(|| k.kind.clone());
    let end = if open_ended { t("contract-end-open") } else { locale.date(k.ends_at.date()) };
    // A platform enrolment pays nothing itself: each hourly contract under it sets its wage.
    let gross = match (super::contract_kind(&k.kind)?, label("contract-gross-framework")) {
        (ContractKind::Framework, Some(per_hour)) => per_hour,
        _ => locale.money(amount(k.gross_minor), &k.currency),
    };
    let mut facts = vec![
        (t("contract-reference"), id.to_string()),
        (t("contract-kind"), kind),
        (t("contract-function"), declaration.function.clone()),
    ];
    // The classification, where the pack's country prints it (France); "not recorded" until given.
    if let Some(name) = label("contract-classification") {
        facts.push((name, k.classification.clone().unwrap_or_else(|| not_recorded.clone())));
    }
    facts.extend([
        (t("contract-place"), format!("{} ({})", declaration.place, declaration.work_country)),
        (t("contract-start"), format!("{} {}", locale.date(k.starts_at.date()), k.starts_at.format("%H:%M"))),
        (t("contract-end"), if open_ended { end } else { format!("{end} {}", k.ends_at.format("%H:%M")) }),
        (t("contract-gross"), gross.clone()),
        (t("payslip-collective-agreement"), agreement),
    ]);
    // France (Code du travail L1242-12): the motive, the trial period and the supplementary pension
    // fund with the welfare body; a pack without these labels prints none of them. The motive is the
    // contract's own (a fixed-term contract made before motives were recorded prints the pack's
    // "to complete"); an open-ended contract has none to state.
    let motive = if open_ended { None } else { super::work::contract_motive(&k) };
    for code in ["contract-motive", "contract-trial", "contract-pension-fund"] {
        let Some(name) = label(code) else { continue };
        if code == "contract-motive" && open_ended {
            continue;
        }
        let stated = match (&motive, code) {
            (Some(m), "contract-motive") => Some(motive_text(node, lang, m)),
            _ => None,
        };
        let value = stated.or_else(|| of_kind(&format!("{code}-value"))).unwrap_or_else(|| not_recorded.clone());
        facts.push((name, value));
    }

    let mut rows = Vec::with_capacity(periods.len());
    let mut minutes = 0_i64;
    for p in &periods {
        let span = super::period_minutes(p, node.zone);
        minutes += span;
        rows.push(vec![
            locale.date(p.work_date),
            p.start_time.format("%H:%M").to_string(),
            p.end_time.format("%H:%M").to_string(),
            hours(locale, span),
        ]);
    }
    let budget = locale.money(amount(k.budget_minor), &k.currency);
    // How the wage was set: a stabilised contract's is monthly, the others' pay the days above.
    let args = [("gross", gross.as_str()), ("budget", budget.as_str())];
    let basis = node
        .pack
        .label_with(lang, &format!("contract-wage-basis-{}", k.kind), &args)
        .or_else(|| node.pack.label_with(lang, "contract-wage-basis", &args))
        .unwrap_or_default();

    let mut blocks = vec![
        Block::Heading(title.clone()),
        Block::Paragraph(t("contract-intro")),
        Block::Columns(vec![employer, worker]),
        Block::KeyValues(facts),
    ];
    // A platform enrolment has no days of its own: its hourly contracts list theirs.
    if !rows.is_empty() {
        blocks.extend([
            Block::Heading(t("contract-schedule")),
            Block::Table {
                columns: vec![
                    Column { title: t("contract-date"), width: 40, align: Align::Left },
                    Column { title: t("contract-from"), width: 20, align: Align::Right },
                    Column { title: t("contract-to"), width: 20, align: Align::Right },
                    Column { title: t("contract-hours"), width: 20, align: Align::Right },
                ],
                rows,
                total: Some(vec![t("contract-total"), String::new(), String::new(), hours(locale, minutes)]),
            },
        ]);
    }
    blocks.push(Block::Paragraph(basis));
    // The country's mentions: Belgium's art. 9 and 11bis, France's L1242-12/13; one of the
    // worker's kind when the pack has it (Belgium: artists).
    let mut mentions: Vec<String> = Vec::new();
    if !open_ended {
        mentions.extend(label("contract-legal-fixed"));
    }
    mentions.extend(label("contract-legal-schedule"));
    mentions.extend(label(&format!("contract-legal-{category}")));
    blocks.extend(mentions.into_iter().map(Block::Note));
    let signed = k.created_at.date();
    blocks.extend([
        Block::Spacer,
        Block::Paragraph(
            node.pack
                .label_with(lang, "contract-signed", &[("city", &e.city), ("date", &locale.date(signed))])
                .unwrap_or_default(),
        ),
        Block::Columns(vec![
            vec![t("contract-signature-employer"), String::new(), String::new(), "______________________".into()],
            vec![t("contract-signature-worker"), String::new(), String::new(), "______________________".into()],
        ]),
    ]);
    let doc = Document {
        title: format!("{title} — {} {}", member.first_name, member.last_name),
        author: e.name.clone(),
        language: lang.to_owned(),
        created: k.created_at,
        blocks,
    };
    render(&doc).map_err(|err| AppError::Pack(partage_core::pack::PackError::Render(err.to_string())))
}

/// The collective agreement of a worker kind as documents print it: its number and, when the
/// pack has it, its official title ("3090 — Convention collective nationale ..."); None when the
/// country has none for the kind.
pub(super) fn agreement_line(node: &Node, lang: &str, category: &str) -> Option<String> {
    let number = node.pack.collective_agreement(category)?;
    Some(match node.pack.label(lang, &format!("collective-agreement-{number}")) {
        Some(title) => format!("{number} — {title}"),
        None => number,
    })
}

/// A stated motive in words: the pack's sentence for its case (with the replaced worker, the
/// sector in words), then its detail; the bare code where the pack has no sentence.
fn motive_text(node: &Node, lang: &str, m: &partage_core::contract_reason::ContractReason) -> String {
    let sector = m
        .sector
        .as_deref()
        .map(|s| node.pack.label(lang, &format!("contract-sector-{s}")).unwrap_or_else(|| s.to_owned()))
        .unwrap_or_default();
    let (name, job) = m.replaced.as_ref().map_or(("", ""), |r| (r.name.as_str(), r.job.as_str()));
    let args = [("name", name), ("job", job), ("sector", sector.as_str())];
    let case =
        node.pack.label_with(lang, &format!("contract-motive-{}", m.code), &args).unwrap_or_else(|| m.code.clone());
    match &m.detail {
        Some(detail) => format!("{case} — {detail}"),
        None => case,
    }
}

/// Minutes as hours with at most two decimals, the language's way ("7,5").
fn hours(locale: Locale, minutes: i64) -> String {
    let h = (Decimal::from(minutes) / Decimal::from(60)).round_dp(2).normalize();
    locale.number(h, h.scale())
}
