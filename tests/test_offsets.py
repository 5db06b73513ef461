from veilleur.offsets import OffsetMap


def test_copied_pieces_map_back_exactly():
    raw = "AAA\n\nJUNK\n\nBBB"
    m = OffsetMap()
    m.copy(0, 3)  # "AAA"
    m.copy(3, 2)  # "\n\n"
    m.copy(11, 3)  # "BBB" after the dropped line
    derived = raw[0:5] + raw[11:14]
    assert derived == "AAA\n\nBBB"
    for i, ch in enumerate(derived):
        assert raw[m.to_raw(i)] == ch
    assert m.span_to_raw(5, 8) == (11, 14)


def test_inserted_characters_map_to_their_insertion_point():
    raw = "Russiecapacité"
    m = OffsetMap()
    m.copy(0, 6)
    m.insert(6, 1)  # the space put back between glued words
    m.copy(6, 8)
    derived = "Russie capacité"
    assert m.span_to_raw(0, 6) == (0, 6)
    assert m.span_to_raw(7, 15) == (6, 14)
    assert raw[slice(*m.span_to_raw(7, 15))] == derived[7:15]


def test_identity_and_end_offsets():
    m = OffsetMap.identity(10)
    assert m.to_raw(0) == 0
    assert m.to_raw(10) == 10
    assert m.span_to_raw(2, 5) == (2, 5)
