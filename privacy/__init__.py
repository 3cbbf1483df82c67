"""Personal-data rights: what Tremplin holds about a learner (the registry), their file as
JSON and PDF, erasure that keeps the anonymous facts funders were told, the retention job.
The pages that show them (and the public privacy notice) live in spaces/coordinator."""
