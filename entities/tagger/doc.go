// Package tagger is a linear-chain sequence labeller over BIO label sets:
// a first-order CRF or an averaged structured perceptron, trained from
// observations the caller computes, decoded by Viterbi under the BIO
// constraint, saved in a versioned, checksummed file.
//
// # Overview
//
//	templates := []tagger.Template{{Name: "w", Window: []int{-2, -1, 0, 1, 2}}, …}
//	m, err := tagger.Train(ctx, templates, train, tagger.WithDev(dev))
//	labels := m.Tag(obs, labels[:0])          // indexes into m.Labels()
//	spans := m.TagSpans(obs, spans[:0])       // B-X I-X… runs, with probabilities
//	_, err = m.WriteTo(f)                     // tagger.ReadModel(f) reads it back
//
// The package knows nothing of words or languages: the caller turns each
// token into observations, and the package learns which of them predict
// which labels.
//
// # Observations and templates
//
// An observation is something seen at a token — its word, its normalised
// key, a prefix, a shape, a gazetteer match, a conjunction of two words —
// given as an [Obs]: the index of its [Template] and a 64-bit hash of
// what was seen ([Hash], or [Hasher] for several parts without building
// a string). A template declares the window of offsets at which its
// observations are features: the word template with window
// {-2, -1, 0, 1, 2} makes the word at token j the features w[+2], w[+1],
// w[0], w[-1] and w[-2] of tokens j−2 … j+2 (w[-1] of a token is the
// word before it). Conjunctions are observations the caller computes at
// the token, with window {0}.
//
// Features are CRFsuite's: an observation at an offset crossed with a
// label, plus label-to-label transitions and start and end scores. Only
// the (observation, offset, label) triples that occur in the training
// data get a weight, which keeps models sparse. At tagging time one
// table lookup per observation fetches the weights of all its offsets
// and labels; observations the model never saw cost one probe and add
// nothing.
//
// # Training
//
// [Train] takes the templates, training sequences (observations and
// gold labels per token) and options:
//
//   - [CRF] (the default) maximises the conditional log-likelihood minus
//     c2·‖θ‖² ([WithL2], default 1, CRFsuite's convention) and c1·‖θ‖₁
//     ([WithL1], default 0) with L-BFGS, or OWL-QN when c1 > 0. The
//     gradient is computed by [WithWorkers] goroutines; their partial sums
//     are added in fixed point, so the model is the same for any number
//     of workers. It stops after [WithMaxIterations] iterations, when the
//     objective improves by less than [WithTolerance] over 10 iterations,
//     or when the gradient vanishes.
//   - [Perceptron] trains an averaged structured perceptron: epochs over
//     the sequences in an order shuffled by a seeded PCG ([WithSeed]),
//     Viterbi decoding, updates where the path is wrong, and lazy
//     averaging. It trains about ten times faster than the CRF;
//     its scores are not probabilities.
//
// With a development set ([WithDev]) the weights are scored every few
// iterations ([WithEvalEvery]) by span-level micro F1 (optionally over
// some types: [WithDevTypes]); the model keeps the best weights, and
// training ends after [WithPatience] evaluations without a better F1.
// [WithMinCount] drops rare observation values. [WithProgress] reports
// each iteration; a cancelled context ends training with ctx.Err().
// Training is deterministic: the same data and options give the same
// model file, byte for byte, on the same architecture (others may round
// the last bits of floating-point operations differently).
//
// # BIO constraints
//
// Labels are "O", "B-X" and "I-X" for entity types X; a model's labels
// are "O" then B-X, I-X for each type in increasing order. An I-X may
// only follow a B-X or an I-X, never start a sentence: Viterbi treats
// the other transitions as forbidden, so [Model.Tag] never returns a
// stray I-X whatever the weights. The CRF's partition function sums over
// the allowed sequences only, so training optimises the distribution
// that is decoded (forbidden transitions have no weight), and the
// probabilities of [Model.Marginals] and [Model.TagSpans] are those of
// allowed sequences. Measured on a block of the ANERcorp tuning split,
// training with an unconstrained partition function (decoding still
// constrained) gave the same development F1 (0.703 against 0.701, 200
// sentences), so the consistent choice was kept. Training labels must
// obey the constraint too (convert IOB1 to BIO first); label sets that
// are not BIO are refused.
//
// # Model files
//
// [Model.WriteTo] writes, and [ReadModel] reads, a container of package
// internal/binfile (magic "KHBRTAGR", [FormatVersion], length and CRC-32
// checked before the body is parsed, at most [MaxModelSize] bytes) whose
// body holds the types, the templates, how the model was trained
// ([Info], with a free-form provenance text: [WithProvenance]), the
// transition scores, and per observation value its non-zero weights as
// float32s with their offset and label. Every count, index and weight is
// checked, so no file, however corrupt, makes reading or tagging panic;
// errors wrap [ErrNotModel], [ErrVersion] or [ErrCorrupt]. The hash
// functions are part of the format: hashes of the same strings never
// change within a format version.
//
// # Concurrency
//
// A [Model] is immutable and safe for concurrent use; its methods take
// scratch space from a pool, so steady-state tagging does not allocate.
// A [Hasher] is a value for one goroutine.
//
// # Cost
//
// Tagging a token costs one hash-table probe per observation, one
// addition per weight of the observations found, and about 5·L steps of
// Viterbi (I- labels have two predecessors, the others L). The weights
// fetched dominate: a frequent value with a wide window carries a weight
// for most (offset, label) pairs (up to |window|·L), so observations
// with few distinct values (shapes, one-letter affixes, frequent words)
// in wide windows cost most; conjunctions and rare words cost a probe
// and a weight or two. Measured on a shared two-core machine, with
// features like those of an Arabic news tagger (27 observations and 124
// weights per token, 9 labels, a CRF of 144k values): about 360 ns of
// CPU per token with the model in cache and 900–1,100 ns without, of
// which Viterbi takes about 60 ns. [Model.TagSpans] and [Model.Marginals]
// add forward–backward, about as much again. [WithMinCount], [WithL1] and
// narrow windows for low-cardinality templates shrink the cost.
//
// A model file takes about 8–9 bytes per weight (a value's key as a
// gap between sorted keys, its weights as a label-and-offset code and a
// float32); in memory a value takes a 16-byte slot of a table at most
// 0.7 full, holding its weight inline if it has one, else pointing to
// 8-byte entries. Reading a 2.5 MB model takes about 10–50 ms.
package tagger
