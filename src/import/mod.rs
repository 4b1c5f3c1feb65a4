//! Importing published reports (issue 6): text, pdftotext output, HTML, Markdown. Not built yet.
