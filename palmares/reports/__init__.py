"""Reports that read a palmares database and load nothing: the Race Profile box,
`palmares check` and the native-format export."""
