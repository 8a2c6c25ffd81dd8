from tracker.core.parsing import MAX_ID, is_id, parsed, record_id


def test_an_id_is_a_whole_number_from_1_to_2_to_the_31_less_1():
    assert record_id("1") == 1
    assert record_id(f" {MAX_ID} ") == MAX_ID
    assert MAX_ID == 2_147_483_647
    for text in ["0", "-1", str(MAX_ID + 1), str(2**63), "9" * 20, "1.5", "", None, "²", "x"]:
        assert record_id(text) is None, text
    assert is_id(1) and is_id(MAX_ID) and not is_id(0) and not is_id(MAX_ID + 1)


def test_parsed_is_none_where_the_text_is_not_a_value():
    assert parsed(int, "12") == 12
    assert parsed(int, "twelve") is None
