"""Core API: who am I, and which municipalities may I work in."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from omzien.core.permissions import HasMembership
from omzien.core.scoping import memberships


class MembershipSerializer(serializers.Serializer):
    municipality = serializers.CharField(allow_null=True, help_text="CBS code, e.g. GM0355")
    municipality_slug = serializers.CharField(allow_null=True)
    role = serializers.CharField()


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    memberships = MembershipSerializer(many=True)


class MeView(APIView):
    permission_classes = [HasMembership]

    @extend_schema(responses=MeSerializer, summary="The current user and their roles")
    def get(self, request):
        data = {
            "id": request.user.pk,
            "memberships": [
                {
                    "municipality": m.municipality.code if m.municipality else None,
                    "municipality_slug": m.municipality.slug if m.municipality else None,
                    "role": m.role,
                }
                for m in memberships(request.user)
            ],
        }
        return Response(MeSerializer(data).data)
