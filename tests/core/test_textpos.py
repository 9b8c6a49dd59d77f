from briefreader.core.text.textpos import Utf16Map


def test_bmp_text_maps_to_itself() -> None:
    mapping = Utf16Map("plain text é")
    assert [mapping.to_utf16(i) for i in range(5)] == list(range(5))
    assert mapping.from_utf16(7) == 7


def test_astral_characters_take_two_units() -> None:
    text = "a😀b𝔘c"
    mapping = Utf16Map(text)
    utf16 = text.encode("utf-16-le")
    for offset in range(len(text) + 1):
        units = len(text[:offset].encode("utf-16-le")) // 2
        assert mapping.to_utf16(offset) == units
        assert mapping.from_utf16(units) == offset
    assert len(utf16) // 2 == mapping.to_utf16(len(text))


def test_position_inside_a_pair_maps_to_its_start() -> None:
    mapping = Utf16Map("x😀y")
    assert mapping.from_utf16(2) == 1  # between the two surrogates of the emoji
