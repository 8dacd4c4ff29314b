//! Stage: link areas resolved to their targets once every anchor has its page. A link to an
//! anchor that did not land anywhere stays text, with a warning.

use super::numbering::PageNumbers;
use super::place::Placed;
use crate::diagnostic::Diagnostics;
use crate::pdf::inline::{PendingLink, UnresolvedTarget};
use crate::pdf::page::{LinkArea, LinkTarget};

pub fn resolve(pages: &mut [Placed], numbers: &PageNumbers, diags: &mut Diagnostics) {
    for placed in pages {
        for PendingLink { rect, target, node } in std::mem::take(&mut placed.pending_links) {
            let target = match target {
                UnresolvedTarget::Uri(u) => LinkTarget::Uri(u),
                UnresolvedTarget::Anchor(name) => match numbers.anchors.get(&name) {
                    Some(d) => LinkTarget::Page {
                        page: d.page,
                        y: d.y,
                    },
                    None => {
                        diags.warning(
                            None,
                            format!(
                                "a link points to '{name}', which is not in the book; it is \
                                 not clickable in the PDF"
                            ),
                        );
                        continue;
                    }
                },
            };
            placed.page.links.push(LinkArea { rect, target, node });
        }
    }
}
