"""Pictures between ``content/media/`` and Wagtail's image library, byte for byte.

An image read from the content folder becomes a `PortalImage` whose `content_path` is its
path relative to the content root (``media/maurik/polder-01.jpg``); its original bytes are
stored unchanged, so writing the image back gives the very same file. An image uploaded in
the CMS has no `content_path` yet: it is written under ``media/<village>/`` with its id in
the name, which keeps two uploads with the same name apart.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path, PurePosixPath

from django.core.files.base import ContentFile
from wagtail.models import Collection

from cms.core.models import PortalImage
from sitegen.atomic import write_atomically

MEDIA_FOLDER = "media"


class NotAPicture(ValueError):
    """A file under media/ that the image library cannot hold."""


def safe_content_path(path: str) -> PurePosixPath | None:
    """`path` as a relative path inside the content root, or None if it would leave it."""
    pure = PurePosixPath(path)
    parts = [part for part in pure.parts if part != "."]
    if not parts or pure.is_absolute() or ".." in parts or "\\" in path:
        return None
    return PurePosixPath(*parts)


def media_files(content_root: Path) -> list[str]:
    """Paths (relative to the content root) of every file under ``media/``, hidden ones
    (editor and system leftovers such as ``.DS_Store``) left out."""
    folder = Path(content_root) / MEDIA_FOLDER
    if not folder.is_dir():
        return []
    found = []
    for path in folder.rglob("*"):
        rel = path.relative_to(content_root)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            found.append(rel.as_posix())
    return sorted(found)


def _dimensions(data: bytes) -> tuple[int, int]:
    from willow.image import Image as WillowImage

    try:
        width, height = WillowImage.open(io.BytesIO(data)).get_size()
    except Exception as exc:  # noqa: BLE001 - Willow raises many kinds for a bad file
        raise NotAPicture(f"is not a picture the image library can hold ({exc})") from exc
    return max(1, round(width)), max(1, round(height))


def import_image(content_root: Path, rel_path: str,
                 collection: Collection | None = None) -> PortalImage:
    """The `PortalImage` for the file at `rel_path`, created or updated from its bytes.

    An image with the same `content_path` and the same bytes is kept as it is (its title,
    focal point and collection stay). Raises `NotAPicture` for a file that is not one.
    """
    data = (Path(content_root) / rel_path).read_bytes()
    digest = hashlib.sha1(data).hexdigest()  # noqa: S324 - Wagtail's own file_hash is SHA-1
    image = PortalImage.objects.filter(content_path=rel_path).first()
    if image is not None and image.file_hash == digest:
        return image
    width, height = _dimensions(data)
    name = PurePosixPath(rel_path).name
    if image is None:
        image = PortalImage(title=PurePosixPath(rel_path).stem[:255], content_path=rel_path,
                            collection=collection or Collection.get_first_root_node())
    storage = image.file.storage
    replaced = image.file.name if image.pk else ""
    # Stored through the storage, not by assigning a file: Django would then measure the
    # picture with Pillow, which cannot measure an SVG logo.
    image.file = storage.save(image.get_upload_to(name), ContentFile(data))
    image.width, image.height = width, height
    image.file_size, image.file_hash = len(data), digest
    image.save()
    if replaced:  # a new picture at the same path: drop the old file and its resized copies
        image.renditions.all().delete()
        storage.delete(replaced)
    return image


def image_path(image: PortalImage, village_slug: str) -> str:
    """Where `image` lives under the content root."""
    if image.content_path:
        return image.content_path
    return f"{MEDIA_FOLDER}/{village_slug}/{image.pk}-{PurePosixPath(image.file.name).name}"


def image_bytes(image: PortalImage) -> bytes:
    """The original bytes of `image`, exactly as they were uploaded or imported."""
    with image.file.storage.open(image.file.name, "rb") as handle:
        return handle.read()


def write_image_file(image: PortalImage, content_root: Path, village_slug: str) -> Path | None:
    """Write `image` to its place under `content_root` unless the same bytes are there.

    Returns the path, or None when the image's `content_path` would lead outside the
    content root.
    """
    rel = safe_content_path(image_path(image, village_slug))
    if rel is None:
        return None
    target = Path(content_root) / rel
    data = image_bytes(image)
    if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
        return target
    write_atomically(target, data)
    return target
