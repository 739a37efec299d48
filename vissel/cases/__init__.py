"""Cases: the case model, its content under the case key, messages, deadlines."""
