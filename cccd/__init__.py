"""Pure logic for the Hanoi CCCD progress map: no Streamlit, no file or database I/O."""
