"""Reading CSV tables: the format guessed, the numbers read exactly, and one sentence
naming the row and the column for each kind of bad file."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest

from nnviz.core.data import table as table_module
from nnviz.core.data.table import Cancelled, CsvFormat, preview, read_table, sniff
from nnviz.core.errors import UserError


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def read_all(path, label=None, features=None):
    """The table read with its sniffed format; the suggested label unless told."""
    p = preview(path)
    label = p.suggested_label if label is None else label
    if features is None:
        features = [j for j in range(len(p.names)) if j != label]
    return read_table(path, p.format, label, features)


def refusal(path, **kw) -> str:
    with pytest.raises(UserError) as info:
        read_all(path, **kw)
    return str(info.value)


# ------------------------------------------------------------------ bad files
def test_text_in_a_numeric_column_names_row_and_column(tmp_path):
    path = write(tmp_path, "t.csv", "a,b,y\n1,2,0\n3,4,1\n5,oops,0\n")
    assert refusal(path) == "'t.csv', row 4, column 'b': 'oops' is not a number."


def test_a_row_with_too_few_fields_names_the_missing_column(tmp_path):
    path = write(tmp_path, "r.csv", "a,b,y\n1,2,0\n3,4\n5,6,1\n")
    assert refusal(path) == "'r.csv', row 3 has 2 fields where the first row has 3: column 'y' is missing."


def test_a_row_with_too_many_fields_is_refused_even_when_the_extra_column_is_unused(tmp_path):
    # label and features are columns 0 and 1 only: numpy's usecols alone would not notice
    path = write(tmp_path, "r.csv", "a,b,c\n1,2,x\n3,4,y,z\n")
    message = refusal(path, label=1, features=[0])
    assert message == (
        "'r.csv', row 3 has 4 fields where the first row has 3: there is an extra field after column 'c'."
    )


def test_an_empty_file_and_a_blank_one_are_empty(tmp_path):
    for name, text in (("e.csv", ""), ("b.csv", "\n \n\n")):
        path = write(tmp_path, name, text)
        with pytest.raises(UserError, match=rf"^'{name}' is empty\.$"):
            preview(path)
        with pytest.raises(UserError, match=rf"^'{name}' is empty\.$"):
            read_table(path, CsvFormat(), 1, [0])


def test_a_header_without_rows_is_refused(tmp_path):
    path = write(tmp_path, "h.csv", "x1,x2,label\n")
    with pytest.raises(UserError, match="'h.csv' has a header row but no data rows"):
        preview(path)
    with pytest.raises(UserError, match="'h.csv' has a header row but no data rows"):
        read_table(path, CsvFormat(header=True), 2, [0, 1])


def test_a_missing_label_names_row_and_label_column(tmp_path):
    for labels in (["0", "", "1"], ["a", " ", "b"], ["0", "NA", "1"]):
        rows = "".join(f"{i},{i + 1},{lab}\n" for i, lab in enumerate(labels))
        path = write(tmp_path, "m.csv", "a,b,y\n" + rows)
        assert refusal(path) == "'m.csv', row 3, column 'y': the label is missing; every row needs one."


def test_a_missing_feature_value_names_row_and_column(tmp_path):
    path = write(tmp_path, "m.csv", "a;b;clase\n1,5;2;x\n3;;y\n")
    assert refusal(path) == "'m.csv', row 3, column 'b': a value is missing; every feature needs a number."


def test_nan_and_infinity_in_features_are_refused(tmp_path):
    path = write(tmp_path, "n.csv", "a,b,y\n1,2,0\n3,NaN,1\n")
    assert refusal(path) == "'n.csv', row 3, column 'b': a value is missing; every feature needs a number."
    path = write(tmp_path, "i.csv", "a,b,y\n1,2,0\n3,4,1\n-inf,4,1\n")
    assert refusal(path) == "'i.csv', row 4, column 'a': '-inf' is not a finite number."


def test_a_binary_file_is_refused_before_anything_else(tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    for call in (sniff, preview):
        with pytest.raises(UserError, match=r"^'photo\.csv' is not a text file: it holds binary data"):
            call(path)
    # control codes without a zero byte (a file from another program) are binary too
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 50)
    with pytest.raises(UserError, match="is not a text file"):
        sniff(path)


def test_a_long_cell_is_shortened_in_the_sentence(tmp_path):
    path = write(tmp_path, "l.csv", "a,y\n" + "w" * 200 + ",1\n")
    message = refusal(path)
    assert "'" + "w" * 29 + "…'" in message and len(message) < 120


def test_a_bad_row_far_into_the_file_is_found_in_its_chunk(tmp_path, monkeypatch):
    monkeypatch.setattr(table_module, "BLOCK_BYTES", 1000)  # many chunks
    rows = [f"{i},{i * 0.5},{i % 3}" for i in range(3000)]
    rows[2345] = "7,eight,1"
    path = write(tmp_path, "far.csv", "a,b,y\n" + "\n".join(rows) + "\n")
    assert refusal(path) == "'far.csv', row 2347, column 'b': 'eight' is not a number."


def test_column_choices_are_checked(tmp_path):
    path = write(tmp_path, "c.csv", "a,b,y\n1,2,0\n")
    fmt = sniff(path)
    with pytest.raises(UserError, match="at least one feature"):
        read_table(path, fmt, 2, [])
    with pytest.raises(UserError, match="'y' cannot be both the label and a feature"):
        read_table(path, fmt, 2, [0, 2])
    with pytest.raises(UserError, match="3 columns; there is no column 6"):
        read_table(path, fmt, 5, [0])
    with pytest.raises(UserError, match="'a' is chosen twice"):
        read_table(path, fmt, 2, [0, 0])


# ------------------------------------------------------------------ formats
def test_a_spanish_file_with_semicolons_and_decimal_commas(tmp_path):
    text = "altura;peso;clase\n1,5;60,2;A\n1,75;80;B\n-0,5;  3 ;A\n1e3;2,5e-1;B\n"
    path = write(tmp_path, "es.csv", text)
    fmt = sniff(path)
    assert fmt == CsvFormat("utf-8", ";", ",", '"', True)
    t = read_all(path)
    assert t.names == ["altura", "peso"] and t.label_name == "clase"
    np.testing.assert_array_equal(t.x, [[1.5, 60.2], [1.75, 80.0], [-0.5, 3.0], [1000.0, 0.25]])
    assert t.labels.tolist() == ["A", "B", "A", "B"] and t.text_labels


def test_every_number_with_a_decimal_comma_still_means_semicolons(tmp_path):
    # csv.Sniffer takes ',' for this file; the scoring takes ';'
    path = write(tmp_path, "es.csv", "0,5;1,25;0\n1,0;2,5;1\n3,5;0,75;1\n")
    assert sniff(path) == CsvFormat("utf-8", ";", ",", '"', False)


def test_utf8_with_bom_and_latin1_with_accents(tmp_path):
    text = "año;valor;clase\n1;2,5;sí\n3;4;no\n"
    bom = write(tmp_path, "bom.csv", "\ufeff" + text)
    latin = write(tmp_path, "latin.csv", text, encoding="latin-1")
    assert sniff(bom).encoding == "utf-8-sig"
    assert sniff(latin).encoding in ("cp1252", "latin-1")
    for path in (bom, latin):
        p = preview(path)
        assert p.names == ["año", "valor", "clase"]
        t = read_table(path, p.format, 2, [0, 1])
        assert t.names == ["año", "valor"] and t.labels.tolist() == ["sí", "no"]
        np.testing.assert_array_equal(t.x, [[1, 2.5], [3, 4]])


def test_utf16_with_a_bom_is_text(tmp_path):
    path = write(tmp_path, "u16.txt", "a\tb\tc\n1,5\t2\tx\n3\t4\ty\n", encoding="utf-16")
    fmt = sniff(path)
    assert (fmt.encoding, fmt.delimiter, fmt.decimal) == ("utf-16", "\t", ",")
    np.testing.assert_array_equal(read_all(path).x, [[1.5, 2], [3, 4]])


def test_an_ascii_start_and_latin1_further_on_is_read_again_as_windows_1252(tmp_path, monkeypatch):
    monkeypatch.setattr(table_module, "BLOCK_BYTES", 4096)
    rows = [f"{i},{i + 1},{'a' if i % 2 else 'b'}" for i in range(20000)]
    rows[-1] = "1,2,niño"
    path = write(tmp_path, "late.csv", "x,z,label\n" + "\n".join(rows) + "\n", encoding="latin-1")
    fmt = sniff(path)
    assert fmt.encoding == "utf-8"  # the first 64 KB are plain ASCII
    t = read_table(path, fmt, 2, [0, 1])
    assert t.format.encoding == "cp1252" and t.labels[-1] == "niño" and t.n_rows == 20000


def test_quoted_fields_may_hold_the_delimiter(tmp_path):
    text = 'x,"y, in cm",name\n1,"2.5","Smith, J"\n3,4,"Doe, ""A"""\n'
    path = write(tmp_path, "q.csv", text)
    p = preview(path)
    assert p.names == ["x", "y, in cm", "name"] and p.numeric == [True, True, False]
    assert p.rows[1] == ["3", "4", 'Doe, "A"']
    t = read_table(path, p.format, 2, [0, 1])
    np.testing.assert_array_equal(t.x, [[1, 2.5], [3, 4]])
    assert t.labels.tolist() == ["Smith, J", 'Doe, "A"']


def test_header_or_not(tmp_path):
    with_header = write(tmp_path, "h.csv", "x1,x2,class\n0.5,1,0\n1.5,2,1\n")
    without = write(tmp_path, "n.csv", "0.5,1,0\n1.5,2,1\n2.5,3,1\n")
    text_header = write(tmp_path, "t.csv", "name,kind\nann,a\nbob,b\n")
    assert sniff(with_header).header and not sniff(without).header and sniff(text_header).header
    p = preview(without)
    assert p.names == ["1", "2", "3"] and p.rows[0] == ["0.5", "1", "0"] and p.suggested_label == 2
    t = read_table(without, p.format, 2, [0, 1])
    assert t.n_rows == 3 and t.names == ["1", "2"] and t.label_name == "3"
    # the user may override the guess: the header then is a row of bad numbers
    with pytest.raises(UserError, match="row 1, column '1': 'x1' is not a number"):
        read_table(with_header, CsvFormat(header=False), 2, [0, 1])


def test_spaces_tabs_pipes_and_line_ends(tmp_path):
    cases = {
        "s.txt": "1.5  2.5 0\n 3.5 4.25  1\n",
        "t.tsv": "1.5\t2.5\t0\n3.5\t4.25\t1\n",
        "p.csv": "1.5|2.5|0\n3.5|4.25|1\n",
        "crlf.csv": "1.5,2.5,0\r\n3.5,4.25,1\r\n",
        "cr.csv": "1.5,2.5,0\r3.5,4.25,1\r",
        "blank.csv": "\n1.5,2.5,0\n\n3.5,4.25,1\n\n\n",
    }
    for name, text in cases.items():
        t = read_all(write(tmp_path, name, text))
        np.testing.assert_array_equal(t.x, [[1.5, 2.5], [3.5, 4.25]], err_msg=name)
        np.testing.assert_array_equal(t.labels, [0.0, 1.0], err_msg=name)


def test_labels_that_are_names_or_numbers(tmp_path):
    numbers = read_all(write(tmp_path, "n.csv", "a,y\n1,0\n2,7\n3,1\n"))
    names = read_all(write(tmp_path, "w.csv", "a,y\n1,cat\n2, dog \n3,cat\n"))
    assert numbers.labels.dtype == np.float64 and numbers.labels.tolist() == [0, 7, 1]
    assert not numbers.text_labels
    assert names.text_labels and names.labels.tolist() == ["cat", "dog", "cat"]


def test_a_text_label_late_in_the_file_reads_every_label_as_text(tmp_path, monkeypatch):
    monkeypatch.setattr(table_module, "BLOCK_BYTES", 500)
    rows = [f"{i},{i % 2}" for i in range(400)] + ["9,other"]
    t = read_all(write(tmp_path, "late.csv", "a,y\n" + "\n".join(rows) + "\n"))
    assert t.text_labels and t.labels[:3].tolist() == ["0", "1", "0"] and t.labels[-1] == "other"
    assert t.n_rows == 401


def test_preview_guesses_numeric_columns_and_the_label(tmp_path):
    path = write(tmp_path, "p.csv", "id,peso,etiqueta,nota\nA1,2,si,1\nB2,,no,2\nC3,4,si,3\n")
    p = preview(path, rows=2)
    assert p.names == ["id", "peso", "etiqueta", "nota"]
    assert p.numeric == [False, True, False, True]  # an empty cell does not make a column text
    assert p.suggested_label == 2 and len(p.rows) == 2
    plain = preview(write(tmp_path, "q.csv", "a,b,c\n1,2,3\n"))
    assert plain.suggested_label == 2


# ------------------------------------------------------------------ reading
def reference(text: str, fmt: CsvFormat, label: int, features: list[int]):
    """The csv module's reading of the same text: an independent computation."""
    rows = [r for r in csv.reader(io.StringIO(text), delimiter=fmt.delimiter, quotechar=fmt.quotechar) if r]
    if fmt.header:
        rows = rows[1:]
    x = np.array([[float(r[j].strip().replace(",", ".")) for j in features] for r in rows])
    return x, [r[label].strip() for r in rows]


@pytest.mark.parametrize("variant", ["plain", "spanish", "quoted"])
def test_chunk_boundaries_change_nothing(tmp_path, monkeypatch, variant):
    rng = np.random.default_rng(7)
    n = 5000
    x = rng.normal(scale=rng.choice([1e-3, 1.0, 1e4], size=4), size=(n, 4))
    words = np.array(["alpha", "beta", "gamma, delta"])
    lines = ["w,x,label,y,z"]
    sep = ";" if variant == "spanish" else ","
    lines[0] = lines[0].replace(",", sep)
    for i in range(n):
        cells = [repr(float(v)) for v in x[i]]
        if variant == "spanish":
            cells = [c.replace(".", ",") for c in cells]
        label = words[i % 3]
        if variant == "quoted" or "," in label and sep == ",":
            cells[1] = f'"{cells[1]}"'
            label = f'"{label}"'
        lines.append(sep.join([cells[0], cells[1], label, cells[2], cells[3]]))
    text = "\r\n".join(lines) + "\r\n"
    path = write(tmp_path, "r.csv", text)
    fmt = sniff(path)
    assert fmt.delimiter == sep and fmt.header
    features = [3, 0, 4, 1]
    want_x, want_labels = reference(text.replace("\r\n", "\n"), fmt, 2, features)
    for block in (97, 1000, 1 << 18):  # chunks that cut lines, numbers and "\r\n" anywhere
        monkeypatch.setattr(table_module, "BLOCK_BYTES", block)
        t = read_table(path, fmt, 2, features)
        np.testing.assert_array_equal(t.x, want_x)
        assert t.labels.tolist() == want_labels
        assert t.names == ["y", "w", "z", "x"] and t.n_rows == n


def test_numeric_labels_and_feature_order_match_an_independent_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(table_module, "BLOCK_BYTES", 333)
    rng = np.random.default_rng(3)
    data = np.column_stack([rng.integers(0, 5, 2000), rng.normal(size=(2000, 3))])
    path = tmp_path / "n.csv"
    np.savetxt(path, data, delimiter=",", header="k,a,b,c", comments="", fmt=["%d", "%.17g", "%.17g", "%.17g"])
    t = read_table(path, sniff(path), 0, [2, 1, 3])
    np.testing.assert_array_equal(t.x, data[:, [2, 1, 3]])
    np.testing.assert_array_equal(t.labels, data[:, 0])


def test_progress_is_reported_and_cancel_stops_between_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(table_module, "BLOCK_BYTES", 2000)
    rows = "".join(f"{i},{i * 2},{i % 2}\n" for i in range(5000))
    path = write(tmp_path, "p.csv", "a,b,y\n" + rows)
    fmt = sniff(path)
    seen: list[float] = []
    read_table(path, fmt, 2, [0, 1], progress=seen.append)
    assert len(seen) >= 10 and seen == sorted(seen) and seen[-1] == 1.0 and 0 < seen[0] < 0.2
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 3

    with pytest.raises(Cancelled):
        read_table(path, fmt, 2, [0, 1], progress=seen.append, cancelled=cancelled)
    assert len(asked) == 4


def test_a_big_table_is_read_as_float32_and_a_too_big_one_refused(tmp_path, monkeypatch):
    path = write(tmp_path, "b.csv", "a,b,y\n" + "".join(f"{i}.25,{i},1\n" for i in range(300)))
    fmt = sniff(path)
    assert read_table(path, fmt, 2, [0, 1]).x.dtype == np.float64
    monkeypatch.setattr(table_module, "FLOAT32_ABOVE", 100)
    t = read_table(path, fmt, 2, [0, 1])
    assert t.x.dtype == np.float32 and t.x[299].tolist() == [299.25, 299.0]
    monkeypatch.setattr(table_module, "MAX_VALUES", 500)
    with pytest.raises(UserError, match="'b.csv' is too big: more than 500 numbers"):
        read_table(path, fmt, 2, [0, 1])


def test_a_file_that_cannot_be_read_says_so(tmp_path):
    with pytest.raises(UserError, match="Cannot read"):
        sniff(tmp_path / "nowhere.csv")
    with pytest.raises(UserError, match="Cannot read"):
        read_table(tmp_path / "nowhere.csv", CsvFormat(), 1, [0])


def test_impossible_formats_are_refused():
    with pytest.raises(UserError, match="'delimiter'"):
        CsvFormat(delimiter="x").validate()
    with pytest.raises(UserError, match="comma both"):
        CsvFormat(delimiter=",", decimal=",").validate()
    with pytest.raises(UserError, match="'encoding'"):
        CsvFormat(encoding="klingon").validate()
