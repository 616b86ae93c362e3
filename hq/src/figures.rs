//! A node's figures of one period, the only business data HQ receives (research §6.4):
//! aggregates, never a person. They travel as the federation's `period.figures` event
//! (`partage.<node>.agg.<YYYY-MM>.figures`); HQ reads them in that event's latest version.

pub use partage_federation::events::{
    FundFiguresV1 as FundFigures, PeriodFiguresV1 as PeriodFigures, SectorFiguresV1 as SectorFigures,
    SectorsV1 as Sectors,
};

/// The event type of a period snapshot.
pub const FIGURES_TYPE: &str = <PeriodFigures as partage_federation::events::EventVersion>::TYPE;
