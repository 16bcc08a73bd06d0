"""The home page of those who oversee a body (the office, the convener): what is late, due,
in progress and waiting, each figure read in one query over the whole body."""
