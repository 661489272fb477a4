"""Import the user's official X data archive (2022, 2020 and pre-2019 Grailbird exports)."""
