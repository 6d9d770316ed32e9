"""The map screen's widgets; each posts messages up and never reaches into its siblings."""
