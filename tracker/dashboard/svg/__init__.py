"""Charts drawn on the server as SVG: no JavaScript, and readable in greyscale."""
