"""The server's shell around every page: the middleware that serves the page HTML, the reader's
language, state kept in the address, Streamlit's own widget texts, the heap after the first run."""
