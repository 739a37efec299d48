"""The reporter's portal: the report form, the receipt, reporter login and the inbox."""
