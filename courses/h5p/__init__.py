"""H5P exercises: Tremplin's own content types, package checks and storage, playback."""
