#!/usr/bin/env bash
# Regenerate the multi-source held-out frames (see README.md in this folder).
# usage: make-frames.sh <mirror-root> <out-dir>
#   <mirror-root>: a folder holding bare git mirrors named owner+repo/repo (as the
#                  team's fetch tool lays them out), or set GIT_<ID> per repo below.
#   <out-dir>:     where <out-dir>/<source-id>/<video> and <out-dir>/frames/<source-id>/NNN.png go.
# Needs git, ffmpeg. Frames are ffmpeg fps=R output numbered from 0 (index i = frame nearest
# i/R s), of which the listed indices are copied, in order, to NNN.png (numbered from $N0, default 0,
# so that several one-shot videos can share one source id: N0=k video ...).
set -euo pipefail
M=${1:?mirror root}; OUT=${2:?out dir}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
blob() { # repo commit path dest
  mkdir -p "$(dirname "$4")"; git --git-dir="$M/$1/repo" show "$2:$3" > "$4"; }
video() { # id repo commit path rate idx...
  local id=$1 repo=$2 commit=$3 path=$4 rate=$5; shift 5
  local v="$OUT/$id/$(basename "$path")"; blob "$repo" "$commit" "$path" "$v"
  rm -rf "$TMP/$id"; mkdir -p "$TMP/$id" "$OUT/frames/$id"
  ffmpeg -v error -y -i "$v" -vf "fps=$rate" -start_number 0 "$TMP/$id/%04d.png"
  local n=${N0:-0}; for i in "$@"; do cp "$TMP/$id/$(printf %04d "$i").png" "$OUT/frames/$id/$(printf %03d $n).png"; n=$((n+1)); done
}
stills() { # id repo commit path...   (frames already stored as PNG in the repo)
  local id=$1 repo=$2 commit=$3; shift 3; mkdir -p "$OUT/frames/$id"
  local n=0; for p in "$@"; do blob "$repo" "$commit" "$p" "$OUT/frames/$id/$(printf %03d $n).png"; n=$((n+1)); done
}
video abomb satoshiiizuka+siggraphasia2019_remastering 60b418c6e5dd35f2c46eab0a441ea122b8588c26 \
  example/a-bomb_blast_effects_part.mp4 4   3 12 22 36 45 48
video nosferatu marshallekk+Local_Diplo 3952959a0d406c58aa427d2e413321990a9750b9 \
  nosferatu.mp4 2   2 8 14 30 41 49 58 61 65 72 78 83 92
video steamboat distant-viewing+dvscripts 3c567f7627aaaa7c4fde145e0657c4f3a3710d98 \
  video/steamboat.mp4 2   4 12 24 30 42 48 54
video bbb Zulko+moviepy 7ffa4f00376237137a25fe1c777355c37753e9af \
  media/big_buck_bunny_0_30.webm 2   0 16 20 27 37 48 55
video blackjournal distant-viewing+dvscripts 3c567f7627aaaa7c4fde145e0657c4f3a3710d98 \
  video/blackjournal.mp4 0.5   3 12 30
video chaplin Zulko+moviepy 7ffa4f00376237137a25fe1c777355c37753e9af \
  media/chaplin.mp4 1   5
R=test_data_sample
stills silent-rrtn mountln+RRTN-old-film-restoration 832495f24555bc2470cf09f60e9c0b10f33bdaa3 \
  $R/a_trip_down_market_street_before_the_fire/00020.png $R/a_trip_down_market_street_before_the_fire/00050.png \
  $R/san_francisco_earthquake_and_fire/00150.png \
  $R/the_great_train_robbery/00020.png \
  $R/within_our_gates/00100.png $R/within_our_gates/00135.png
D=test_data/data_1
stills oldfilm-raywzy raywzy+Bringing-Old-Films-Back-to-Life 54df59417c9c428c59d38327cc8eb424af6b4b0c \
  $D/002/1100.png $D/002/1450.png $D/003/120.png $D/003/152.png
X=sample_videos/clips
stills dex-movieclips zhangmozhe+Deep-Exemplar-based-Video-Colorization 2c41bdf34ea71fab65a94cacf4bccecc68b3d988 \
  $X/v04/3065.png $X/v05/0030.png $X/v07/2341.png $X/v07/2431.png $X/v23/0980.png \
  $X/v26/2081.png $X/v32/1460.png $X/v39/0046.png $X/v39/0136.png
stills ucl-oldfilm liminGitH+Restoration-of-old-films af89200124a1c3fad0d47e03de6d1077182388b3 \
  footage/footage_400.png footage/footage_560.png footage/footage_650.png
# Third pass: sound-era / colour / TV / face footage for the close scales (see README.md).
video civilwar-ta gaomingqi+Track-Anything e6e159273790974e04eeea6673f1f93c035005fc \
  test_sample/test-sample13.mp4 4   5 14 21 31 41 49 53 59 68 80 87 100
video hamilton-wh ageitgey+face_recognition 2e2dccea9dd0ce730c8d464d0f67c6eebb40c9d1 \
  examples/short_hamilton_clip.mp4 4   3 7 16 26 36
RT=d32e8e58248255e2d243eeaf3cba545dbe505ca8
N0=0 video retalking-faces OpenTalker+video-retalking $RT examples/face/1.mp4 1   3
N0=1 video retalking-faces OpenTalker+video-retalking $RT examples/face/2.mp4 1   2
N0=2 video retalking-faces OpenTalker+video-retalking $RT examples/face/3.mp4 1   2
N0=3 video retalking-faces OpenTalker+video-retalking $RT examples/face/4.mp4 1   3
N0=4 video retalking-faces OpenTalker+video-retalking $RT examples/face/5.mp4 1   2
LP=1986663be3b6902605d32200c01f4bfd36cda83d; n=0
for ci in driving/d0:1 driving/d3:6 driving/d6:17 driving/d9:10 driving/d10:7 driving/d11:4 driving/d12:3 \
          driving/d13:6 driving/d14:9 driving/d18:3 driving/d19:4 driving/d20:3 \
          source/s13:2 source/s18:4 source/s20:5 source/s29:2 source/s32:3; do
  N0=$n video liveportrait KwaiVGI+LivePortrait $LP "assets/examples/${ci%%:*}.mp4" 1   "${ci##*:}"; n=$((n+1))
done
PT=e1b5ce289048c45d30e8037353d56166ed75e0fc
N0=0 video eyes-closeup mohssenk+Pupil-Tracking-Project $PT data/eye1.mp4 1   6
N0=1 video eyes-closeup mohssenk+Pupil-Tracking-Project $PT data/eye2.mp4 1   6
# Fourth pass: new independent sources, medium scales (see README.md). Still images (titanic-mn
# still0N.jpg) go through the same ffmpeg call at rate 25, whose only output is candidate 0.
video bw-portrait-vsr YaoFANGUK+video-subtitle-remover 5b780e31865553ed0588008369e06b106461724b \
  test/test2.mp4 4   1 4 9 15 19 21 23 24 28 31
MN=d3f66b2534320b583b607e639995fb1f156ecf21
N0=0 video titanic-mn movienet+movienet-tools $MN tests/data/test.mp4 2   2 12 19 38
N0=4 video titanic-mn movienet+movienet-tools $MN tests/data/still01.jpg 25   0
N0=5 video titanic-mn movienet+movienet-tools $MN tests/data/still02.jpg 25   0
N0=6 video titanic-mn movienet+movienet-tools $MN tests/data/still03.jpg 25   0
video longjump-bmt v-iashin+BMT a84cb61fd96ce457a0c96f4aa2e6d2a58391b426 \
  sample/women_long_jump.mp4 2   4 13 21 35 56 67
VL=64888c0a77e8e66af606c37629fbbf79c4582959
N0=0 video videollama-ex DAMO-NLP-SG+Video-LLaMA $VL examples/IronMan.mp4 4   8 29
N0=2 video videollama-ex DAMO-NLP-SG+Video-LLaMA $VL examples/silence_girl.mp4 1   5
N0=3 video videollama-ex DAMO-NLP-SG+Video-LLaMA $VL examples/applausing.mp4 1   5
N0=4 video videollama-ex DAMO-NLP-SG+Video-LLaMA $VL examples/boat.mp4 1   3
N0=5 video videollama-ex DAMO-NLP-SG+Video-LLaMA $VL examples/birthday.mp4 1   8
video fotb-sfr yjwong1999+SimpleFR 08a586d5a2e6b5ccfc52fa452c1a93a47785881d \
  videos/Video_2.mp4 2   5 11 19 26 48 77 105 124 143 152
echo "frames written under $OUT/frames"
