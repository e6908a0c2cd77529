"""kb: the governance catalogue's validator and site builder. Where each job lives: ARCHITECTURE.md."""
