"""Photos attached to a post: can a remote follower read them, and the fixes.

The modules split the work by concern: ``decode`` opens untrusted bytes
safely and decodes no more pixels than the display size needs, ``metadata``
reads what the file says about itself, ``measure`` and ``slide`` measure the
picture, ``analyse`` puts it together, ``fixes`` produces the cropped and the
clean copies. ``model`` and ``limits`` import no Pillow, so the rules (and
the CLI's ``check``) can use them without paying for the imaging library.
"""
