"""Maps and charts as inline SVG with their text alternatives."""

