// tocsin test script: served as it is (no per-request compression)
"use strict";
