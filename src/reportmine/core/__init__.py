"""The data model every layer shares: documents, output rows, versions, configuration."""
