//! Closed inline containers that carry more than their content: links and images.

use super::stack::Lowering;
use crate::model::{Image, Inline, LinkTarget, Pos, plain_text};

impl Lowering<'_> {
    /// A link is kept as written; `load` resolves the ones that point inside the book.
    pub(super) fn end_link(&mut self, dest: String, title: String, content: Vec<Inline>, pos: Pos) {
        self.add_inline(Inline::Link {
            target: LinkTarget::External(dest),
            title,
            content,
            pos,
        });
    }

    /// An image's alt text is the plain text of its description; `load` finds its asset.
    pub(super) fn end_image(&mut self, src: String, title: String, alt: Vec<Inline>, pos: Pos) {
        self.add_inline(Inline::Image(Image {
            asset: None,
            src,
            alt: plain_text(&alt),
            title,
            pos,
            label: None,
        }));
    }
}
