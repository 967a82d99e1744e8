// The privacy guard is built in Sources/TagPrivacy (issue: tag codec with a privacy guard).
