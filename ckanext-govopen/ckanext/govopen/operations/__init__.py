"""Operations: service status from `make run`'s supervisor, degraded answers while a
service is down (search 503, job queue 503), requeueing stalled jobs, catching the search
index up after a crash, and `ckan govopen backup` / `restore`."""
