from vissel.records.case_numbers import new_case_number, normalise_case_number


def test_a_taken_number_is_never_given_again():
    taken = set()
    for _ in range(50):
        number = new_case_number(taken.__contains__)
        assert number not in taken and len(number) == 8 and number[0] != "0"
        taken.add(number)


def test_a_typed_case_number_keeps_only_its_digits():
    assert normalise_case_number(" 1234 5678 ") == "12345678"
    assert normalise_case_number("1234-5678") == "12345678"
