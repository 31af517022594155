"""Reading the archive for analysts: search, show, stats, plots, exports and Datasette."""
