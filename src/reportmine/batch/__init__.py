"""Running many documents: inputs, one document's processing, workers, Dask, the run."""
