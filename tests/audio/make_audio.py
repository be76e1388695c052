"""Generate the committed test voice notes from dictations.json.

Each dictation is spoken by festival (cmu_us_slt_arctic_hts, a natural voice) and espeak-ng,
then encoded like a Telegram voice note: OGG/Opus, 48 kHz mono, voip application.
Needs the Debian packages festival, festvox-us-slt-hts, espeak-ng and ffmpeg; CI only reads the
committed OGG files. Run: python tests/audio/make_audio.py
"""

import json
import subprocess
import tempfile
from pathlib import Path

AUDIO_DIR = Path(__file__).parent
OPUS_BITRATE = "20k"


def synthesize(voice: str, text: str, wav: Path) -> None:
    if voice == "festival":
        script = wav.with_suffix(".txt")
        script.write_text(text)
        subprocess.run(
            ["text2wave", "-eval", "(voice_cmu_us_slt_arctic_hts)", str(script), "-o", str(wav)],
            check=True,
        )
    elif voice == "espeak":
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(wav), text], check=True)
    else:
        raise ValueError(f"unknown voice {voice!r}")


def encode_like_telegram(wav: Path, ogg: Path) -> None:
    subprocess.run(
        [
            "ffmpeg",
            "-loglevel",
            "error",
            "-y",
            "-i",
            str(wav),
            "-ar",
            "48000",
            "-ac",
            "1",
            "-c:a",
            "libopus",
            "-b:a",
            OPUS_BITRATE,
            "-application",
            "voip",
            str(ogg),
        ],
        check=True,
    )


def make(name: str, voice: str, text: str, workdir: Path) -> None:
    wav = workdir / f"{name}_{voice}.wav"
    synthesize(voice, text, wav)
    encode_like_telegram(wav, AUDIO_DIR / f"{name}_{voice}.ogg")


def main() -> None:
    spec = json.loads((AUDIO_DIR / "dictations.json").read_text())
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for dictation in spec["dictations"]:
            for voice in spec["voices"]:
                make(dictation["name"], voice, dictation["spoken"], workdir)
        bench = spec["bench"]
        make(bench["name"], bench["voice"], bench["spoken"], workdir)


if __name__ == "__main__":
    main()
