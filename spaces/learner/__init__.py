"""The learner's pages: code log-in, meetings, handouts, exercises, survey, and the H5P player."""
