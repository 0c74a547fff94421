"""Build-time tooling: compiles forms/ (YAML) to the JSON the runtime reads. Never shipped to the browser."""
