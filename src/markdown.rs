//! Markdown (pulldown-cmark events) lowered into the document model.
