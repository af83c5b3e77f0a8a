{{/* Names and labels (app.kubernetes.io/* recommended labels). */}}
{{- define "newsflow.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "newsflow.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "newsflow.labels" -}}
{{ include "newsflow.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/component: ingest
app.kubernetes.io/part-of: newsflow
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The metrics port: the port of config.metrics.address. */}}
{{- define "newsflow.metricsPort" -}}
{{- $address := .Values.config.metrics.address | default "" -}}
{{- if not (hasPrefix "0.0.0.0:" $address) -}}
{{- fail "config.metrics.address must be 0.0.0.0:PORT: probes and Prometheus reach the pod IP" -}}
{{- end -}}
{{- trimPrefix "0.0.0.0:" $address -}}
{{- end -}}

{{/* run.shutdown_timeout in whole seconds (ms, s, m or bare milliseconds). */}}
{{- define "newsflow.shutdownSeconds" -}}
{{- $t := toString (dig "run" "shutdown_timeout" "30s" .Values.config) -}}
{{- if hasSuffix "ms" $t -}}{{ div (add (trimSuffix "ms" $t | int) 999) 1000 }}
{{- else if hasSuffix "s" $t -}}{{ trimSuffix "s" $t | int }}
{{- else if hasSuffix "m" $t -}}{{ mul (trimSuffix "m" $t | int) 60 }}
{{- else -}}{{ div (add ($t | int) 999) 1000 }}
{{- end -}}
{{- end -}}

{{/* config.run.workers, refusing 0 (one per node core, not per CPU request). */}}
{{- define "newsflow.workers" -}}
{{- $w := dig "run" "workers" 1 .Values.config | int -}}
{{- if lt $w 1 -}}
{{- fail "config.run.workers must be at least 1 (0 would count the node's cores, not the pod's CPU request)" -}}
{{- end -}}
{{- $w -}}
{{- end -}}
