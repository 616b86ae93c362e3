//! The printed payslip: what the pack's country asks a payslip to show, in the member's language.
//!
//! Employer (name, address, enterprise and social security numbers, the collective
//! agreement of the worker's category, from the pack), worker (name,
//! address, national number, category), the period with the days and hours worked, the
//! pay date and the account credited, then every line with its base, rate, amount and a
//! numbered reference to a short appendix of legal bases, in that language too (the pack's
//! `basis-<code>` messages). Amounts and dates take the language's forms
//! (`partage_documents::Locale`). What the node has not recorded (an address, a social
//! security number) is printed as "not recorded", never left out silently. A mention only some
//! countries ask for (France: the APE code, the job held and the position in the collective
//! agreement's classification, the notice to keep the payslip without time limit) is printed
//! when the pack has a label for it.

use super::members::address_of;
use super::payroll::payslip_view;
use super::Node;
use crate::error::AppError;
use crate::storage::entities::{contract, member, payslip, work_declaration, work_period};
use chrono::{Datelike, NaiveDate};
use partage_core::pack::IdentifierKind;
use partage_core::payroll::LineKind;
use partage_documents::{render, Align, Block, Column, Document, Locale};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

/// The longest a source may be in the appendix; the JSON keeps the whole text.
const SOURCE_CHARS: usize = 160;

/// A source as the appendix shows it: its first statement (the legal reference), without the
/// research notes that follow (file paths, cross-checks), cut at a word if still long.
pub fn short_source(text: &str) -> String {
    let first = first_statement(text);
    let mut out = String::with_capacity(first.len());
    let mut depth = 0_u32;
    let mut group = String::new();
    for c in first.chars() {
        match c {
            '(' => {
                depth += 1;
                group.push(c);
            }
            ')' if depth > 0 => {
                depth -= 1;
                group.push(c);
                if depth == 0 {
                    // A parenthesis naming a file or a research note is for maintainers.
                    let internal = ["parameters/", "RESEARCH", ".md", ".ts", "golden", "tier "];
                    if !internal.iter().any(|w| group.contains(w)) {
                        out.push_str(&group);
                    }
                    group.clear();
                }
            }
            _ if depth > 0 => group.push(c),
            _ => out.push(c),
        }
    }
    out.push_str(&group);
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    let out = out.trim_end_matches([',', ' ']).to_owned();
    // A cut address leads nowhere: an address is kept whole.
    if out.chars().count() <= SOURCE_CHARS || out.starts_with("http") {
        return out;
    }
    let mut cut: String = out.chars().take(SOURCE_CHARS).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    format!("{}…", cut.trim_end_matches([',', ' ']))
}

/// The text before the first "; " outside parentheses: a "; " inside a parenthesis (a list
/// of codes, a quotation) does not end the statement, so the parenthesis is not left open.
fn first_statement(text: &str) -> &str {
    let mut depth = 0_u32;
    for (at, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ';' if depth == 0 && text.get(at..).is_some_and(|rest| rest.starts_with("; ")) => {
                return text.get(..at).unwrap_or(text)
            }
            _ => {}
        }
    }
    text
}

/// The worker's lines that the payslip and the written contract both print: the heading,
/// the name, the home address and the national number, as the pack formats it ("not
/// recorded" where the node has none).
pub(super) fn worker_lines(
    node: &Node,
    member: &member::Model,
    heading: String,
    labelled: &dyn Fn(&str, &str) -> String,
    not_recorded: &str,
) -> Vec<String> {
    let mut worker = vec![heading, format!("{} {}", member.first_name, member.last_name)];
    match address_of(member) {
        Some(a) => {
            worker.push(a.street);
            worker.push(format!("{} {} ({})", a.postal_code, a.city, a.country));
        }
        None => worker.push(labelled("payslip-address", not_recorded)),
    }
    let national = member
        .national_id
        .as_deref()
        .map_or_else(|| not_recorded.to_owned(), |n| node.pack.format_identifier(IdentifierKind::National, n));
    worker.push(labelled("payslip-national-number", &national));
    worker
}

/// What the payslip's month worked: the days and the hours from the contract's declared periods,
/// the job the work was declared as, the contract's classification and kind.
struct Worked {
    days: usize,
    hours: Decimal,
    job: Option<String>,
    classification: Option<String>,
    kind: Option<String>,
    /// The article of Regulation (EC) 883/2004 that decided the legislation, when another state's.
    article: Option<String>,
}

async fn worked<C: ConnectionTrait>(c: &C, zone: chrono_tz::Tz, s: &payslip::Model) -> Result<Worked, AppError> {
    let Some(k) = contract::Entity::find_by_id(s.contract_id).one(c).await? else {
        return Ok(Worked {
            days: 0,
            hours: Decimal::ZERO,
            job: None,
            classification: None,
            kind: None,
            article: None,
        });
    };
    let declaration = work_declaration::Entity::find_by_id(k.declaration_id).one(c).await?;
    let article = declaration.as_ref().and_then(|d| d.legislation_article.clone());
    let job = declaration.map(|d| d.function);
    let periods =
        work_period::Entity::find().filter(work_period::Column::DeclarationId.eq(k.declaration_id)).all(c).await?;
    let in_month = |d: NaiveDate| format!("{:04}-{:02}", d.year(), d.month()) == s.period;
    let mut days: Vec<NaiveDate> = Vec::new();
    let mut minutes = 0_i64;
    for p in periods.iter().filter(|p| in_month(p.work_date)) {
        if !days.contains(&p.work_date) {
            days.push(p.work_date);
        }
        minutes += super::period_minutes(p, zone);
    }
    Ok(Worked {
        days: days.len(),
        hours: Decimal::from(minutes) / Decimal::from(60),
        job,
        classification: k.classification,
        kind: Some(k.kind),
        article,
    })
}

/// The payslip as a PDF in `language` (the member's when None).
pub async fn payslip_pdf<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    id: Uuid,
    language: Option<&str>,
) -> Result<Vec<u8>, AppError> {
    let v = payslip_view(c, node, id, language).await?;
    let slip = payslip::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("payslip", id))?;
    let member = member::Entity::find_by_id(v.member_id)
        .one(c)
        .await?
        .ok_or_else(|| AppError::not_found("member", v.member_id))?;
    let locale = Locale::from_tag(&v.language);
    let lang = locale.tag();
    let t = |code: &str| node.pack.label(lang, code).unwrap_or_else(|| code.to_owned());
    let amount = |text: &str| -> Result<String, AppError> {
        let value: Decimal = text.parse().map_err(|_| AppError::Corrupt(format!("payslip {id} amount '{text}'")))?;
        Ok(locale.money(value, &v.currency))
    };
    let not_recorded = t("payslip-not-recorded");
    let colon = locale.colon();
    let labelled = |code: &str, value: &str| format!("{}{colon}{value}", t(code));

    let mut sources: Vec<String> = Vec::new();
    // The worker's lines end at the net; the employer's are shown apart, for information.
    let mut rows = Vec::with_capacity(v.lines.len());
    let mut employer_rows = Vec::new();
    for l in &v.lines {
        // The pack's legal basis in the payslip's language; the parameter's own source, in
        // short, only where the pack has none (a line it no longer writes).
        let short = l.basis.clone().unwrap_or_else(|| short_source(&l.source));
        let n = match sources.iter().position(|s| *s == short) {
            Some(i) => i + 1,
            None => {
                sources.push(short);
                sources.len()
            }
        };
        let rate = match l.rate.as_deref().map(str::parse::<Decimal>) {
            Some(Ok(r)) => locale.percent(r),
            Some(Err(_)) => return Err(AppError::Corrupt(format!("payslip {id} rate"))),
            None => String::new(),
        };
        let row = vec![format!("{} [{n}]", l.label), amount(&l.base)?, rate, amount(&l.amount)?];
        if l.side == "employer" || l.code == LineKind::EmployerCost.code() {
            employer_rows.push(row);
        } else {
            rows.push(row);
        }
    }

    let e = &node.settings.entity;
    let agreement =
        super::contract_pdf::agreement_line(node, lang, &v.worker_category).unwrap_or_else(|| not_recorded.clone());
    // Under another state's legislation the employer is registered with that state's collectors
    // (the node's `[pack.<cc>]` section, "not recorded" without it): that number, in that
    // pack's words, is the one the payslip's contributions are declared under.
    let legislations = super::abroad::Legislations::load(node, [slip.legislation_state.as_deref()])?;
    let computed_by = legislations.pack(slip.legislation_state.as_deref());
    let registration = computed_by.employer_registration().social_security_number;
    let registration_label =
        computed_by.label(lang, "payslip-employer-registration").unwrap_or_else(|| t("payslip-employer-registration"));
    let mut employer = vec![
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
        format!("{registration_label}{colon}{}", registration.as_deref().unwrap_or(&not_recorded)),
        labelled("payslip-collective-agreement", &agreement),
    ];
    // What only some countries ask for (France: the APE code; the supplementary pension institution,
    // of the worker's kind first, "not recorded" until the node names it) comes with its label from
    // the pack.
    employer.extend(node.pack.label(lang, "payslip-employer-activity"));
    if node.pack.label(lang, "payslip-pension-fund").is_some() {
        let fund = node
            .pack
            .label(lang, &format!("contract-pension-fund-value-{}", v.worker_category))
            .or_else(|| node.pack.label(lang, "contract-pension-fund-value"))
            .unwrap_or_else(|| not_recorded.clone());
        employer.push(labelled("payslip-pension-fund", &fund));
    }
    // A payslip under another state's legislation was computed by that state's pack: its worker
    // kinds are that pack's (a French "non-cadre").
    let category_code = format!("worker-category-{}", v.worker_category);
    let category = computed_by
        .label(lang, &category_code)
        .or_else(|| node.pack.label(lang, &category_code))
        .unwrap_or(v.worker_category.clone());
    let mut worker = worker_lines(node, &member, t("payslip-employee"), &labelled, &not_recorded);
    worker.push(labelled("payslip-category", &category));

    let month = NaiveDate::parse_from_str(&format!("{}-01", v.period), "%Y-%m-%d")
        .map_err(|_| AppError::Corrupt(format!("payslip {id} period '{}'", v.period)))?;
    let Worked { days, hours, job, classification, kind: contract_kind, article } = worked(c, node.zone, &slip).await?;
    // The job held and the position in the collective agreement's classification, where the
    // pack's country asks for them: France, Code du travail art. R3243-1, 4° ("le nom et l'emploi
    // du salarié ainsi que sa position dans la classification conventionnelle qui lui est
    // applicable. La position du salarié est notamment définie par le niveau ou le coefficient
    // hiérarchique qui lui est attribué", Légifrance LEGIARTI000018533806 as décret 2016-190 wrote
    // it). "Not recorded" until the contract has one.
    if node.pack.label(lang, "payslip-job").is_some() {
        worker.push(labelled("payslip-job", job.as_deref().unwrap_or(&not_recorded)));
    }
    if node.pack.label(lang, "payslip-classification").is_some() {
        worker.push(labelled("payslip-classification", classification.as_deref().unwrap_or(&not_recorded)));
    }
    let kind = node.pack.label(lang, &format!("payslip-kind-{}", v.kind)).unwrap_or(v.kind.clone());
    let facts = vec![
        (t("payslip-period"), format!("{} ({kind})", locale.month(month))),
        (t("payslip-days"), days.to_string()),
        (t("payslip-hours"), locale.number(hours.round_dp(2).normalize(), hours.round_dp(2).normalize().scale())),
        (t("payslip-work-end"), locale.date(v.work_end)),
        (t("payslip-pay-date"), locale.date(v.pay_date)),
        (t("payslip-deadline"), locale.date(v.deadline)),
        (t("payslip-bank-account"), member.iban.clone().unwrap_or(not_recorded.clone())),
        (t("payslip-gross"), amount(&v.gross)?),
        (t("payslip-net"), amount(&v.net)?),
    ];
    // The gross hourly rate, where the pack's country prints it (France: Code du travail R3243-1,
    // 5°, the hours the wage pays "en mentionnant le ou les taux appliqués"): the month's gross over its declared hours, to four decimals as
    // payslips print rates. Only for the days a regular payslip pays: a stabilised contract's month
    // is not its declared first day, and a true-up pays no hours.
    let hourly = match (node.pack.label(lang, "payslip-hourly-rate"), contract_kind.as_deref(), v.kind.as_str()) {
        (Some(name), Some("per_performance" | "hourly"), "regular") if hours > Decimal::ZERO => {
            let gross: Decimal =
                v.gross.parse().map_err(|_| AppError::Corrupt(format!("payslip {id} gross '{}'", v.gross)))?;
            let rate = (gross / hours).round_dp(4);
            Some((name, locale.money_to(rate, &v.currency, 4)))
        }
        _ => None,
    };
    let mut facts = facts;
    if let Some(row) = hourly {
        // Beside the hours it divides.
        facts.insert(3, row);
    }
    // Contributions owed to another state's institutions (Regulation (EC) 883/2004, decided by
    // the article the declaration records) are named, so that no reader takes them for the
    // node's country's.
    if let Some(state) = slip.legislation_state.as_deref() {
        let country = node.pack.label(lang, &format!("country-{state}")).unwrap_or_else(|| state.to_owned());
        let article = article.unwrap_or_else(|| not_recorded.clone());
        let value = node
            .pack
            .label_with(lang, "payslip-legislation-value", &[("country", &country), ("article", &article)])
            .unwrap_or_else(|| format!("{country} (883/2004, {article})"));
        facts.insert(0, (t("payslip-legislation"), value));
    }
    let title = format!("{} — {}", t("payslip-title"), locale.month(month));
    let columns = |first: String| {
        vec![
            Column { title: first, width: 50, align: Align::Left },
            Column { title: t("payslip-base"), width: 18, align: Align::Right },
            Column { title: t("payslip-rate"), width: 12, align: Align::Right },
            Column { title: t("payslip-amount"), width: 20, align: Align::Right },
        ]
    };
    let mut blocks = vec![
        Block::Heading(title.clone()),
        Block::Columns(vec![employer, worker]),
        Block::KeyValues(facts),
        Block::Table {
            columns: columns(t("payslip-line")),
            rows,
            total: Some(vec![t("payslip-net"), String::new(), String::new(), amount(&v.net)?]),
        },
    ];
    if !employer_rows.is_empty() {
        blocks.push(Block::Table { columns: columns(t("payslip-employer-lines")), rows: employer_rows, total: None });
    }
    // A notice the country requires on every payslip (France: keep it without time limit).
    blocks.extend(node.pack.label(lang, "payslip-keep-notice").map(Block::Note));
    blocks.extend([Block::Heading(t("payslip-sources")), Block::Note(t("payslip-sources-intro"))]);
    blocks.extend(sources.iter().enumerate().map(|(i, s)| Block::Note(format!("[{}] {s}", i + 1))));
    let doc = Document {
        title: format!("{title} — {} {}", member.first_name, member.last_name),
        author: e.name.clone(),
        language: lang.to_owned(),
        created: v.pay_date.and_hms_opt(12, 0, 0).unwrap_or_default(),
        blocks,
    };
    render(&doc).map_err(|err| AppError::Pack(partage_core::pack::PackError::Render(err.to_string())))
}

#[cfg(test)]
mod tests {
    use super::{short_source, SOURCE_CHARS};

    #[test]
    fn sources_keep_their_legal_reference_and_drop_research_notes() {
        let long = "KB/AR 19 December 2022 (Moniteur belge 30 December 2022), Annex III for 2023; figures from Odoo \
                    l10n_be_hr_payroll 2023 record only (parameters/RESEARCH-2023-2026.md §3.1, tier I1)";
        assert_eq!(short_source(long), "KB/AR 19 December 2022 (Moniteur belge 30 December 2022), Annex III for 2023");
        let noted = "prato.be 'Versterking werkbonus vanaf 01/07/2023' (table 'vanaf 1 december 2022'); parameters/x";
        assert_eq!(
            short_source(noted),
            "prato.be 'Versterking werkbonus vanaf 01/07/2023' (table 'vanaf 1 december 2022')"
        );
        let research = "BOSA 'Vermindering' (parameters/RESEARCH-2023-2026.md §2.4)";
        assert_eq!(short_source(research), "BOSA 'Vermindering'");
        // A "; " inside a parenthesis does not end the statement: the parenthesis is kept whole.
        let listed = "NSSO TechLib rate file (codes 809, 810; copy in another project) [OFF]; Odoo agrees";
        assert_eq!(short_source(listed), "NSSO TechLib rate file (codes 809, 810; copy in another project) [OFF]");
        let cut = short_source(&"word ".repeat(60));
        assert!(cut.chars().count() <= SOURCE_CHARS + 1 && cut.ends_with('…'), "{cut}");
    }
}
