//! Printing diagnostics.

use quire::Diagnostics;

#[derive(clap::Args)]
pub struct ReportArgs {}

pub struct Reporter {}

impl Reporter {
    pub fn new(_args: &ReportArgs, _stdout_taken: bool) -> Self {
        Reporter {}
    }

    pub fn print_all(&mut self, diags: &Diagnostics) {
        for d in diags.items() {
            eprintln!("{d}");
        }
    }
}
